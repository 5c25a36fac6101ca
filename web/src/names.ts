import { countryLabel } from '../../src/core/countries';

/** How the console names things people read: a country by its name ("Kenya"), never its code alone. */
export const countryOf = (iso3: string | null | undefined): string => (iso3 ? countryLabel(iso3) : '—');
