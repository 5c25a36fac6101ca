import { describe, expect, it } from 'vitest';
import { assessFile } from '../../crisis/assess.js';
import { DEFAULT_CRISIS_RULES } from '../../crisis/rules.js';
import { plainReasons } from './designation-reasons.js';

const HEADER = 'event_date,country,iso3,event_type,sub_event_type,actor1,fatalities';
const day = (offset: number) => new Date(Date.UTC(2026, 2, 10) - offset * 86_400_000).toISOString().slice(0, 10);

/** A year of events as the detector reads them: Kambara with steady state violence, Veridia quiet then spiking. */
function history(): string {
  const rows = [HEADER];
  for (let week = 0; week < 56; week++) {
    for (let i = 0; i < 6; i++)
      rows.push(
        `${day(week * 7 + i)},Kambara,QKB,Violence against civilians,Attack,Police Forces of Kambara (2000-),0`,
      );
    rows.push(`${day(week * 7 + 2)},Veridia,QVR,Riots,Violent demonstration,Rioters (Veridia),0`);
    if (week === 0) for (let i = 0; i < 25; i++) rows.push(`${day(i % 7)},Veridia,QVR,Battles,Armed clash,Rebels,0`);
  }
  return `${rows.join('\n')}\n`;
}

describe('plain reasons for a crisis designation', () => {
  it("turns the detector's own reasons into sentences, the rule that fired first", async () => {
    const assessment = await assessFile({
      eventsPath: { name: 'events.csv', text: history() },
      contextPath: {
        name: 'context.csv',
        text: 'iso3,population,civic_space\nQKB,17000000,repressed\nQVR,5000000,obstructed\n',
      },
      skipInvalid: false,
      rules: DEFAULT_CRISIS_RULES,
    });
    const reasonOf = (iso3: string) => assessment.countries.find((c) => c.iso3 === iso3)?.explanation ?? '';

    expect(plainReasons(reasonOf('QVR'), 'Veridia', 'acute')).toEqual([
      'In the week of 4 to 10 March 2026, 26 violent political events were recorded in Veridia: 26 times its usual level of 1 a week.',
      'That is a sudden spike: for Veridia, anything above 4 a week is already unusual.',
      'State violence in Veridia is not among the highest of the places compared, and its civic space is rated "obstructed".',
    ]);
    const kambara = plainReasons(reasonOf('QKB'), 'Kambara', 'chronic');
    expect(kambara?.[0]).toMatch(
      /^Kambara is among the places with the most state violence: in a typical week of the last year, police or military forces took part in 0\.35 violent events per million people, at least as high as in 90% of the places compared\.$/,
    );
    expect(kambara?.slice(1)).toEqual([
      'Its civic space (the freedom to organise, protest and speak out) is rated "repressed" on the CIVICUS Monitor\'s scale from open to closed.',
      expect.stringMatching(
        /^It was among the tenth of places with the most state violence in \d+ of the last 52 weeks\.$/,
      ),
      'Violence in Kambara did not suddenly spike: the week of 4 to 10 March 2026 saw 6 violent political events, against a usual 6 a week.',
    ]);
  });

  it('says how many times the usual level, and what a week without a usual level means', () => {
    const reason = (observed: number, baseline: number) =>
      `ACUTE: the week 2026-02-26 to 2026-03-04 had ${observed} political-violence events against a baseline of ${baseline} (scale 2.1): robust z 5.2 > 3, and more than 11. Not chronic: state-repression rate 0.5 per week against the 90th percentile of all places (2); civic space narrowed.`;
    expect(plainReasons(reason(32, 10), 'Norland', 'acute')?.[0]).toBe(
      'In the week of 26 February to 4 March 2026, 32 violent political events were recorded in Norland: 3.2 times its usual level of 10 a week.',
    );
    expect(plainReasons(reason(7, 0), 'Norland', 'acute')?.[0]).toBe(
      'In the week of 26 February to 4 March 2026, 7 violent political events were recorded in Norland: in a usual week there are none.',
    );
  });

  it('explains a sustained rise', () => {
    const reason =
      'ACUTE: a sustained rise: CUSUM 6.4 > 5 over the last 8 weeks (baseline 4.5, scale 2.121). Not chronic: state-repression rate 1 per week against the 90th percentile of all places (3); civic space unknown.';
    expect(plainReasons(reason, 'Norland', 'acute')?.[0]).toBe(
      'Violent political events in Norland have kept rising, week after week, over the last 8 weeks, above its usual level of 4.5 a week.',
    );
  });

  it("leaves reasons a person wrote as they are (null), and a detector's reason it cannot fully read too", () => {
    expect(
      plainReasons(
        'Mass arrests of opposition figures before the election, reported by three observers.',
        'Kambara',
        'chronic',
      ),
    ).toBeNull();
    expect(
      plainReasons(
        'ACUTE: something new. CHRONIC: its rate is high; in the top decile 3 of the last 52 weeks.',
        'Kambara',
        'chronic',
      ),
    ).toBeNull();
  });
});
