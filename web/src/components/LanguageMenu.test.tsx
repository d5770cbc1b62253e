// The language menu says so when the server did not store the choice (PATCH /me failed),
// instead of failing silently.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, test, vi } from 'vitest';

vi.mock('../lib/session', () => ({
  chooseLocale: vi.fn(() => Promise.reject(new Error('HTTP 500'))),
  hasRole: () => false,
  isVendor: () => true,
  logout: vi.fn(),
  useSession: () => ({ me: null, expired: false }),
}));

import { LanguageMenu } from './Layout';
import { t } from '../lib/i18n';

describe('LanguageMenu', () => {
  test('a failed save is shown as an alert', async () => {
    const root = document.createElement('div');
    document.body.append(root);
    await act(() => render(<LanguageMenu />, root));
    expect(root.querySelector('[role="alert"]')).toBeNull();
    const select = root.querySelector('select')!;
    select.value = 'fa';
    await act(async () => {
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 0));
    });
    const alert = root.querySelector('[role="alert"]');
    expect(alert?.textContent).toBe(t('nav.language_not_saved'));
    expect(select.getAttribute('aria-describedby')).toBe(alert?.id);
  });
});
