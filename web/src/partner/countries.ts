// The assigned ISO 3166-1 alpha-2 codes, as the server accepts them — the same sorted
// string as src/base/country.c. Names come from Intl (countryName) in the user's language.
import { countryName } from '../lib/format';
import type { Locale } from '../lib/i18n';

const CODES =
  'ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBS' +
  'BTBVBWBYBZCACCCDCFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZDEDJDKDMDODZECEE' +
  'EGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGLGMGNGPGQGRGSGTGUGWGYHKHM' +
  'HNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKNKPKRKWKYKZLALBLC' +
  'LILKLRLSLTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNA' +
  'NCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPKPLPMPNPRPSPTPWPYQARERORSRURW' +
  'SASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTKTLTMTNTO' +
  'TRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVIVNVUWFWSYEYTZAZMZW';

export const COUNTRY_CODES: readonly string[] = CODES.match(/../g) ?? [];

export interface CountryOption {
  value: string;
  label: string;
}

const cache = new Map<Locale, CountryOption[]>();

/** Every country as a select option, sorted by its name in `locale`; built once per language. */
export function countryOptions(locale: Locale): CountryOption[] {
  let list = cache.get(locale);
  if (!list) {
    const collator = new Intl.Collator(locale);
    list = COUNTRY_CODES.map((c) => ({ value: c, label: countryName(c, locale) })).sort((a, b) => collator.compare(a.label, b.label));
    cache.set(locale, list);
  }
  return list;
}
