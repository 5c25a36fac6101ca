import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assessFile } from '../src/crisis/assess.js';
import { DEFAULT_CRISIS_RULES as rules } from '../src/crisis/rules.js';

const dir = mkdtempSync(join(tmpdir(), 'docket-crisis-'));
const write = (name: string, lines: string[]) => {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
};
const HEADER = 'event_date,country,iso3,event_type,sub_event_type,actor1,fatalities';
const day = (offset: number) => new Date(Date.UTC(2026, 2, 10) - offset * 86_400_000).toISOString().slice(0, 10);

/** A year of weekly events: Kambara with steady state violence, Veridia quiet then spiking, Norland calm. */
function history(): string[] {
  const rows = [HEADER];
  for (let week = 0; week < 56; week++) {
    for (let i = 0; i < 6; i++)
      rows.push(
        `${day(week * 7 + i)},Kambara,QKB,Violence against civilians,Attack,Police Forces of Kambara (2000-),${i % 2}`,
      );
    rows.push(`${day(week * 7 + 2)},Veridia,QVR,Riots,Violent demonstration,Rioters (Veridia),0`);
    if (week === 0)
      for (let i = 0; i < 25; i++)
        rows.push(`${day(i % 7)},Veridia,QVR,Battles,Armed clash,"Rebels, Northern Front",${i}`);
    if (week % 4 === 0) rows.push(`${day(week * 7)},Norland,QNL,Protests,Peaceful protest,Protesters (Norland),0`);
  }
  return rows;
}

describe('crisis assessment of an events file', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the chronic context without a spike, and the acute spike, each explained', async () => {
    const events = write('events.csv', history());
    const context = write('context.csv', [
      'iso3,population,civic_space',
      'QKB,17000000,repressed',
      'QVR,5000000,obstructed',
      'QNL,3000000,open',
    ]);
    const result = await assessFile({ eventsPath: events, contextPath: context, skipInvalid: false, rules });
    expect(result.asOf).toBe('2026-03-10');
    expect(result.countries.map((c) => c.iso3)).toEqual(['QKB', 'QNL', 'QVR']);
    const [kambara, norland, veridia] = result.countries;
    expect(kambara?.acute).toMatchObject({ flag: false, observed: 6, baseline: 6 });
    expect(kambara?.chronic).toMatchObject({ flag: true, civic_space: 'repressed' });
    expect(kambara?.chronic.rate).toBeCloseTo(6 / 17, 3);
    expect(kambara?.explanation).toContain('No acute spike');
    expect(kambara?.explanation).toContain('CHRONIC');
    expect(veridia?.acute).toMatchObject({ flag: true, observed: 26, baseline: 1 });
    expect(veridia?.explanation).toMatch(
      /^ACUTE: the week 2026-03-04 to 2026-03-10 had 26 political-violence events against a baseline of 1/,
    );
    expect(veridia?.chronic.flag).toBe(false);
    expect(norland?.acute.flag).toBe(false);
    expect(norland?.chronic.flag).toBe(false);
  });

  it('ignores events after --as-of', async () => {
    const events = write('asof.csv', history());
    const result = await assessFile({ eventsPath: events, asOf: '2026-03-03', skipInvalid: false, rules });
    expect(result.countries.find((c) => c.iso3 === 'QVR')?.acute.flag).toBe(false);
  });

  it('names a missing column', async () => {
    const events = write('missing.csv', [
      'event_date,country,iso3,event_type,actor1',
      '2026-03-01,X,QKB,Riots,Rioters',
    ]);
    await expect(assessFile({ eventsPath: events, skipInvalid: false, rules })).rejects.toThrow(
      /line 1: missing column\(s\) sub_event_type, fatalities/,
    );
  });

  it('refuses a file with bad lines, naming each line and column, unless told to skip them', async () => {
    const events = write('bad.csv', [
      HEADER,
      '2026-03-01,Kambara,QKB,Riots,Violent demonstration,Rioters,0',
      '2026-02-30,Kambara,QKB,Riots,Violent demonstration,Rioters,0',
      '2026-03-01,Kambara,QKB,Riots,Violent demonstration,Rioters,-3',
      '2026-03-01,Atlantis,ATL1,Riots,Violent demonstration,Rioters,0',
    ]);
    const refusal = assessFile({ eventsPath: events, skipInvalid: false, rules });
    await expect(refusal).rejects.toThrow(/3 invalid line\(s\).*nothing was assessed/s);
    await expect(assessFile({ eventsPath: events, skipInvalid: false, rules })).rejects.toThrow(
      /line 3, event_date: "2026-02-30" is not a date[\s\S]*line 4, fatalities: "-3"[\s\S]*line 5, iso3: "ATL1"/,
    );
    const skipped: number[] = [];
    const result = await assessFile({
      eventsPath: events,
      skipInvalid: true,
      onSkip: (p) => skipped.push(p.line),
      rules,
    });
    expect(skipped).toEqual([3, 4, 5]);
    expect(result.events).toEqual({ read: 4, counted: 1, skipped: 3 });
  });

  it('refuses countries missing from the context file', async () => {
    const events = write('unknown.csv', [HEADER, '2026-03-01,Elsewhere,QZZ,Riots,Violent demonstration,Rioters,0']);
    const context = write('ctx2.csv', ['iso3,population,civic_space', 'QKB,100,open']);
    await expect(assessFile({ eventsPath: events, contextPath: context, skipInvalid: false, rules })).rejects.toThrow(
      /line 2, iso3: unknown country "QZZ"/,
    );
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', async () => {
    const events = write('quoted.csv', [
      HEADER,
      '2026-03-01,"Kambara, Republic of",QKB,Riots,"Violent ""demo""","Rioters\nof the north",0',
    ]);
    const result = await assessFile({ eventsPath: events, skipInvalid: false, rules });
    expect(result.events).toEqual({ read: 1, counted: 1, skipped: 0 });
  });
});
