import { describe, expect, test } from 'vitest';
import { fitView, spread, WORLD } from './map';

describe('map view', () => {
  test('no points: the world', () => {
    expect(fitView([])).toEqual(WORLD);
  });

  test('the view holds every point with a margin', () => {
    const v = fitView([
      [51.4, 35.7],
      [101.7, 3.1],
    ]);
    const [[west, north], [east, south]] = v.boundingCoords;
    expect(west).toBeLessThan(51.4);
    expect(east).toBeGreaterThan(101.7);
    expect(north).toBeGreaterThan(35.7);
    expect(south).toBeLessThan(3.1);
  });

  test('partners at one place are fanned out, others stay', () => {
    const pts = [
      { value: [51.4, 35.7] as [number, number] },
      { value: [51.4, 35.7] as [number, number] },
      { value: [51.41, 35.7] as [number, number] },
      { value: [0, 0] as [number, number] },
    ];
    spread(pts, 1);
    const keys = new Set(pts.map((p) => p.value.join()));
    expect(keys.size).toBe(4);
    expect(pts[3].value).toEqual([0, 0]);
  });
});
