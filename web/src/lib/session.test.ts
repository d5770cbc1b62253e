import { describe, expect, test } from 'vitest';
import { localeFor } from './session';

describe('localeFor (the language after login or at start)', () => {
  test("a user's explicit choice wins", () => {
    expect(localeFor({ locale: 'ar' }, 'fa', 'en')).toBe('ar');
  });
  test('a user who never chose (null) keeps the login page language: the saved pick, else the browser', () => {
    expect(localeFor({ locale: null }, 'fa', 'en')).toBe('fa');
    expect(localeFor({ locale: null }, null, 'ms')).toBe('ms');
    expect(localeFor({}, null, 'ar')).toBe('ar');
  });
  test('an unknown locale from the server counts as not chosen', () => {
    expect(localeFor({ locale: 'xx' }, null, 'fa')).toBe('fa');
  });
  test('signed out: the saved pick, else the browser', () => {
    expect(localeFor(null, 'ar', 'en')).toBe('ar');
    expect(localeFor(null, 'junk', 'fa')).toBe('fa');
  });
});
