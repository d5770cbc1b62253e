// One bar or slice of a breakdown chart, and the same row in its table.
export interface Datum {
  /** The API's value (status code, tier name, country code…); null = "none". */
  key: string | null;
  label: string;
  value: number;
  colour?: string;
  /** Where a click on it leads (the partner list filtered to it); none = not clickable. */
  href?: string;
}
