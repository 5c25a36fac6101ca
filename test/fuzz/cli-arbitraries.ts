import fc from 'fast-check';
import { ReportInput } from '../../src/moderation/contract.js';
import { valueFault, validValue, type Schema } from './openapi-arbitraries.js';

/**
 * Generators of bad input files for the CLI's imports: JSON Lines of reports for `docket import reports`, and
 * ACLED-style CSV for `docket crisis assess`. Every line of a report file, and at least one line of an events
 * file, carries a fault.
 */

const reportSchema = ReportInput as unknown as Schema;

/** A report line as the import reads it: valid JSON with a fault inside, or not a report at all. */
export const badReportLine: fc.Arbitrary<{ line: string; fault: string }> = fc.oneof(
  {
    weight: 6,
    arbitrary: valueFault(reportSchema, 'report', '').map((fault) => ({
      line: JSON.stringify(fault.value),
      fault: `${fault.pointer || '(line)'}: ${fault.what}`,
    })),
  },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(
        '{',
        '{"policyId":',
        'null',
        '[]',
        '42',
        '"report"',
        "{'policyId':'spam'}",
        '{"policyId":"spam","source":"user"}}',
        '\u0000',
      )
      .map((line) => ({ line, fault: `not a report object: ${JSON.stringify(line)}` })),
  },
  {
    // Valid in shape; the store knows no such policy, section or subject.
    weight: 2,
    arbitrary: fc
      .tuple(
        validValue(reportSchema, 'report') as fc.Arbitrary<Record<string, unknown>>,
        fc.constantFrom('policy', 'section', 'subject'),
      )
      .map(([report, what]) => {
        const { subject, subjectExternalId: _known, ...rest } = report;
        if (what === 'policy')
          return {
            line: JSON.stringify({
              ...rest,
              subject: subject ?? { externalId: 'fuzz-subject', kind: 'content' },
              policyId: 'no-such-policy-fuzz',
            }),
            fault: 'unknown policy',
          };
        if (what === 'section')
          return {
            line: JSON.stringify({
              ...rest,
              subject: subject ?? { externalId: 'fuzz-subject', kind: 'content' },
              policyId: 'spam',
              sectionId: 'no-such-section',
            }),
            fault: 'unknown section',
          };
        return {
          line: JSON.stringify({ ...rest, subjectExternalId: 'never-pushed-fuzz' }),
          fault: 'a subject never pushed',
        };
      }),
  },
);

/** A JSON Lines file of bad reports, some blank lines among them. */
export const badReportFile = fc.record({
  lines: fc.array(
    fc.oneof(
      { weight: 9, arbitrary: badReportLine },
      { weight: 1, arbitrary: fc.constant({ line: '', fault: 'blank' }) },
    ),
    { minLength: 1, maxLength: 12 },
  ),
  batch: fc.integer({ min: 1, max: 5 }),
});

// ---------------------------------------------------------------------------------------------------------------

const HEADER = 'event_date,country,iso3,event_type,sub_event_type,actor1,fatalities';

const goodEvent = fc
  .record({
    day: fc.date({ min: new Date('2025-01-01'), max: new Date('2026-11-30'), noInvalidDate: true }),
    iso3: fc.constantFrom('KEN', 'QKB', 'BRA'),
    kind: fc.constantFrom(
      'Battles,Armed clash,Rebels',
      'Violence against civilians,Attack,Police Forces',
      'Protests,Peaceful protest,Protesters',
    ),
    fatalities: fc.nat(20),
  })
  .map(
    ({ day, iso3, kind, fatalities }) =>
      `${day.toISOString().slice(0, 10)},Country ${iso3},${iso3},${kind},${fatalities}`,
  );

const NUL_OR_SURROGATE = fc.constantFrom('\u0000', '\ud800', 'a\u0000b', '\udfff ');

/** One event line with a fault in one column, or a line that is not an event line. */
const badEvent: fc.Arbitrary<{ line: string; fault: string }> = fc.oneof(
  fc
    .constantFrom(
      '9999-12-31',
      '0000-01-01',
      '2023-02-30',
      '2023-13-01',
      '23-01-01',
      'yesterday',
      '',
      '2023-01-01T00:00:00Z',
      '1969-12-31',
    )
    .map((date) => ({
      line: `${date},Veridia,QVR,Battles,Armed clash,Rebels,1`,
      fault: `event_date ${JSON.stringify(date)}`,
    })),
  fc.constantFrom('qvr', 'QV', 'QVRX', '', '123', 'Q\u0000R', '\ud800VR').map((iso3) => ({
    line: `2026-03-01,Veridia,${iso3},Battles,Armed clash,Rebels,1`,
    fault: `iso3 ${JSON.stringify(iso3)}`,
  })),
  fc.constantFrom('-1', '1.5', 'many', '', '1e3', '99999999999999999999x', ' - ', 'NaN', '\u00001').map((n) => ({
    line: `2026-03-01,Veridia,QVR,Battles,Armed clash,Rebels,${n}`,
    fault: `fatalities ${JSON.stringify(n)}`,
  })),
  fc.constant({ line: '2026-03-01,,QVR,Battles,Armed clash,Rebels,1', fault: 'empty country' }),
  fc
    .constantFrom('2026-03-01', ',,,,,,', '"2026-03-01,Veridia', '2026-03-01,"Veri"dia",QVR', 'x'.repeat(5_000))
    .map((line) => ({ line, fault: `not an event line: ${JSON.stringify(line.slice(0, 40))}` })),
  NUL_OR_SURROGATE.map((s) => ({
    line: `2026-03-01,Veridia,QVR,Battles,Armed clash,Rebels,${s}`,
    fault: `fatalities ${JSON.stringify(s)}`,
  })),
);

/** A whole events file that is wrong as a whole: no header, a header short of a column, nothing at all. */
const badHeader: fc.Arbitrary<{ text: string; fault: string }> = fc.oneof(
  fc.constant({ text: '', fault: 'empty file' }),
  fc.constant({ text: `${HEADER}\n`, fault: 'a header and no events' }),
  fc.constantFrom(...HEADER.split(',')).map((column) => ({
    text: `${HEADER.split(',')
      .filter((c) => c !== column)
      .join(',')}\n2026-03-01,Veridia,QVR,Battles,Armed clash,Rebels`,
    fault: `no ${column} column`,
  })),
  fc.constant({ text: '\u0000\u0000\u0000', fault: 'NUL bytes' }),
  fc.constant({ text: `"${HEADER}`, fault: 'an unclosed quote in the header' }),
);

/** A CSV of events (and perhaps an as-of date) that the assessment must refuse with exit code 2. */
export const badEventsFile: fc.Arbitrary<{ text: string; asOf?: string; fault: string }> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.array(goodEvent, { maxLength: 6 }), fc.array(badEvent, { minLength: 1, maxLength: 3 }), fc.boolean())
      .map(([good, bad, crlf]) => ({
        text: [HEADER, ...good, ...bad.map((b) => b.line)].join(crlf ? '\r\n' : '\n'),
        fault: bad.map((b) => b.fault).join('; '),
      })),
  },
  { weight: 2, arbitrary: badHeader },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.array(goodEvent, { minLength: 1, maxLength: 4 }),
        fc.constantFrom(
          '2023-02-30',
          '0000-01-01',
          '9999-12-31',
          '2023-13-01',
          'yesterday',
          '2023-1-1',
          ' 2023-01-01',
          '1969-12-31',
        ),
      )
      .map(([good, asOf]) => ({
        text: [HEADER, ...good].join('\n'),
        asOf,
        fault: `as-of ${JSON.stringify(asOf)}`,
      })),
  },
);
