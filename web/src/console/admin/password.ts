// The server's password rule, checked before sending so the message is in the user's
// language: at least 12 characters (code points), at most 256, 5 different ones, not
// the e-mail address. The server checks again and stays the authority.
import { t } from '../../lib/i18n';

export const PASSWORD_MIN = 12;
/** Different characters a password needs at least. */
export const PASSWORD_DISTINCT = 5;

export function passwordProblem(pw: string, email?: string): string | undefined {
  const chars = [...pw];
  if (chars.length < PASSWORD_MIN) return t('admin.password.too_short', { count: PASSWORD_MIN });
  if (chars.length > 256) return t('admin.password.too_long', { count: 256 });
  if (new Set(chars).size < PASSWORD_DISTINCT) return t('admin.password.too_plain', { distinct: PASSWORD_DISTINCT });
  if (email) {
    const e = email.trim().toLowerCase();
    const p = pw.toLowerCase();
    if (p === e || p === e.split('@')[0]) return t('admin.password.is_email');
  }
  return undefined;
}

/** 18 characters from an alphabet without look-alikes (0/O, 1/l/I). */
export function generatePassword(): string {
  const alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-_!@#%';
  const bytes = new Uint32Array(18);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}
