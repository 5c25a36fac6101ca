import { iso31661 } from 'iso-3166';
import { countryLabel } from '../../../src/core/countries';
import type { FieldProps } from '../forms';

/**
 * A country chosen by its name: every country ISO 3166 assigns, and the places the installation knows by a code
 * of the standard's user-assigned range (named by the crisis signals, e.g. Kambara).
 */
export function CountrySelect({
  value,
  onChange,
  known,
  field,
}: {
  value: string;
  onChange: (iso3: string) => void;
  known: ReadonlyMap<string, string>;
  field: FieldProps;
}) {
  const options = [
    ...new Map([...iso31661.map((c) => [c.alpha3, countryLabel(c.alpha3)] as const), ...known]).entries(),
  ].sort((a, b) => a[1].localeCompare(b[1], 'en'));
  return (
    <select {...field} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">Choose a country</option>
      {options.map(([iso3, name]) => (
        <option key={iso3} value={iso3}>
          {name}
        </option>
      ))}
    </select>
  );
}
