import { execFile } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Row } from './measure.js';

const run = promisify(execFile);
const TYPES = [
  ['Battles', 'Armed clash', 'Military Forces of %s (2000-)'],
  ['Violence against civilians', 'Attack', 'Police Forces of %s (2000-)'],
  ['Riots', 'Violent demonstration', 'Rioters (%s)'],
  ['Protests', 'Peaceful protest', 'Protesters (%s)'],
  ['Explosions/Remote violence', 'Shelling/artillery/missile attack', 'Unidentified Armed Group (%s)'],
  ['Protests', 'Excessive force against protesters', 'Police Forces of %s (2000-)'],
] as const;

/**
 * `docket crisis assess` over a generated ACLED-style file of `events` rows (60 countries, two years), timed as a
 * separate process end to end, start-up and JSON output included.
 */
export async function benchCrisis(events: number): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'docket-crisis-bench-'));
  const file = join(dir, 'events.csv');
  try {
    process.stderr.write(`  crisis: writing ${events.toLocaleString('en')} events ... `);
    const out = createWriteStream(file);
    out.write('event_id_cnty,event_date,year,country,iso3,event_type,sub_event_type,actor1,inter1,fatalities,notes\n');
    let seed = 12345;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const start = Date.UTC(2024, 0, 1);
    for (let i = 0; i < events; i++) {
      const country = Math.floor(random() * 60);
      const [type, sub, actor] = TYPES[Math.floor(random() * TYPES.length)] as (typeof TYPES)[number];
      const date = new Date(start + Math.floor(random() * 730) * 86_400_000).toISOString().slice(0, 10);
      const name = `Country ${country}`;
      const line = `EV${i},${date},${date.slice(0, 4)},${name},Q${String.fromCharCode(65 + (country % 26))}${String.fromCharCode(65 + Math.floor(country / 26))},${type},${sub},"${actor.replace('%s', name)}",${actor.startsWith('Military') || actor.startsWith('Police') ? 1 : 5},${Math.floor(random() * 4)},"notes, with a comma"\n`;
      if (!out.write(line)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    process.stderr.write('done\n  crisis: docket crisis assess ... ');
    const began = process.hrtime.bigint();
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'crisis', 'assess', '--events', file, '--format', 'json'],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    const seconds = Number(process.hrtime.bigint() - began) / 1e9;
    const countries = (JSON.parse(stdout) as { countries: unknown[] }).countries.length;
    process.stderr.write(`${seconds.toFixed(2)} s for ${countries} countries\n`);
    return [
      {
        store: 'files',
        measurement: `docket crisis assess, ${events.toLocaleString('en')} events (end to end)`,
        rate: seconds * 1000,
        unit: 'ms',
        vsRaw: null,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
