// Tier badges take the tier's colour as their background (any colour an admin picks);
// readableOn() chooses the text colour so that the badge keeps AA contrast (4.5:1).
import { describe, expect, test } from 'vitest';
import { readableOn } from './ui';

function luminance(hex: string): number {
  const n = parseInt(hex.replace('#', ''), 16);
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin((n >> 16) & 255) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
}

function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

describe('readableOn', () => {
  test('white on dark colours, dark text on light ones', () => {
    expect(readableOn('#0f172a')).toBe('#ffffff');
    expect(readableOn('#1d4ed8')).toBe('#ffffff');
    expect(readableOn('#fef3c7')).not.toBe('#ffffff');
    expect(readableOn('#e5e7eb')).not.toBe('#ffffff');
  });

  test('every background colour gets text with 4.5:1 or more', () => {
    const bad: string[] = [];
    const steps = [0, 0x22, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xee, 0xff];
    for (const r of steps)
      for (const g of steps)
        for (const b of steps) {
          const bg = `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
          const c = contrast(bg, readableOn(bg));
          if (c < 4.5) bad.push(`${bg} → ${readableOn(bg)} ${c.toFixed(2)}:1`);
        }
    expect(bad, bad.slice(0, 20).join('\n')).toEqual([]);
  });

  test('a colour that is not #rrggbb gets the dark text', () => {
    expect(readableOn('')).toBe('#111827');
    expect(readableOn('red')).toBe('#111827');
  });
});
