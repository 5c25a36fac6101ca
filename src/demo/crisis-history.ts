import { seededRandom } from './random.js';

/**
 * Two years of synthetic ACLED-style events ending on `until`, for five countries:
 * - Kambara (QKB): police and military violence against opponents every week, steady: a chronic context with
 *   no spike over its own baseline (the reference case's situation);
 * - Veridia (QVR): a few riots a week, then a sudden wave of armed clashes in the last week (an acute spike);
 * - Kenya, Brazil, the Netherlands: protests and occasional riots.
 * Invented countries use ISO 3166's user-assigned range; the real ones carry invented numbers.
 */
export function crisisHistory(until: Date): { events: string; context: string } {
  const random = seededRandom(7);
  const rows = ['event_date,country,iso3,event_type,sub_event_type,actor1,fatalities'];
  const day = (offset: number) => new Date(until.getTime() - offset * 86_400_000).toISOString().slice(0, 10);
  const add = (
    offset: number,
    country: string,
    iso3: string,
    type: string,
    sub: string,
    actor: string,
    fatalities: number,
  ) => rows.push(`${day(offset)},${country},${iso3},${type},${sub},"${actor}",${fatalities}`);
  for (let d = 0; d < 730; d++) {
    if (random.next() < 0.9)
      add(
        d,
        'Kambara',
        'QKB',
        'Violence against civilians',
        'Attack',
        'Police Forces of Kambara (1985-)',
        random.int(0, 1),
      );
    if (random.next() < 0.3)
      add(d, 'Kambara', 'QKB', 'Strategic developments', 'Arrests', 'Military Forces of Kambara (1985-)', 0);
    if (random.next() < 0.3) add(d, 'Veridia', 'QVR', 'Riots', 'Violent demonstration', 'Rioters (Veridia)', 0);
    if (d < 7)
      for (let i = 0; i < 4; i++)
        add(d, 'Veridia', 'QVR', 'Battles', 'Armed clash', 'Northern Liberation Front', random.int(0, 5));
    if (random.next() < 0.4) add(d, 'Kenya', 'KEN', 'Protests', 'Peaceful protest', 'Protesters (Kenya)', 0);
    if (random.next() < 0.1)
      add(
        d,
        'Kenya',
        'KEN',
        'Protests',
        'Excessive force against protesters',
        'Police Forces of Kenya (2022-)',
        random.int(0, 2),
      );
    if (random.next() < 0.3) add(d, 'Brazil', 'BRA', 'Riots', 'Mob violence', 'Rioters (Brazil)', random.int(0, 1));
    if (random.next() < 0.2)
      add(d, 'Netherlands', 'NLD', 'Protests', 'Peaceful protest', 'Protesters (Netherlands)', 0);
  }
  const context = [
    'iso3,population,civic_space',
    'QKB,17000000,repressed',
    'QVR,5200000,obstructed',
    'KEN,55000000,obstructed',
    'BRA,216000000,obstructed',
    'NLD,18000000,open',
  ].join('\n');
  return { events: rows.join('\n'), context };
}
