import { iso31661Alpha3ToAlpha2 } from 'iso-3166';

/**
 * Countries are ISO 3166-1 alpha-3 codes everywhere in Docket; people read names. Assigned codes take their
 * English short name from the runtime's CLDR data (Kenya, Netherlands, Côte d'Ivoire). Other codes (the standard's
 * user-assigned ranges such as QMA–QZZ and XAA–XZZ, used for places it does not list, like Kosovo's XKX) are named
 * from the crisis signals Docket imported (`known`), whose events carry each country's name.
 */
const display = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** The country's name, or null when neither the standard nor `known` names it. */
export function countryName(iso3: string, known: ReadonlyMap<string, string> = new Map()): string | null {
  const alpha2 = iso31661Alpha3ToAlpha2[iso3];
  if (alpha2) return display.of(alpha2) ?? null;
  return known.get(iso3) ?? null;
}

/** Names a country for display; pages take one so they show the names the installation knows. */
export type CountryLabeller = (iso3: string | null) => string;

export const labellerFor =
  (known: ReadonlyMap<string, string>): CountryLabeller =>
  (iso3) =>
    countryLabel(iso3, known);

/** How a page shows a country: its name, the bare code when it has none, "Unknown" for no country. */
export function countryLabel(iso3: string | null, known?: ReadonlyMap<string, string>): string {
  if (!iso3) return 'Unknown';
  return countryName(iso3, known) ?? iso3;
}
