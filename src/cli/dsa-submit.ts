import type { Command } from 'commander';
import type { Config } from '../core/config.js';
import { DocketError } from '../core/errors.js';
import { exportPeriod } from '../transparency/dsa/exports.js';
import {
  emptyTally,
  previewSubmission,
  recheckHeld,
  type SubmitOptions,
  type SubmitTally,
} from '../transparency/dsa/submissions.js';
import type { TdbErrors } from '../transparency/dsa/tdb-rules.js';
import { withDocket } from './store-access.js';

/** A wait the database asks for that the command sits out; a longer one ends it with a message. */
const LONGEST_WAIT_MS = 120_000;

const problemLines = (puid: string, problems: TdbErrors | null, what: string): string[] => [
  `${what} ${puid}`,
  ...Object.entries(problems ?? {}).flatMap(([field, messages]) => messages.map((m) => `  ${field}: ${m}`)),
];

/** `docket dsa submit`: the statements of reasons to the EU DSA Transparency Database, now. */
export function dsaCommands(program: Command, config: () => Config): void {
  const dsa = program.command('dsa').description('the EU DSA Transparency Database');
  dsa
    .command('submit')
    .description(
      'submit the pending statements of reasons now (held ones are checked again); exits non-zero when the token is refused or the database cannot be reached',
    )
    .option('--from <date>', 'only decisions from this day, YYYY-MM-DD (with --to)')
    .option('--to <date>', 'only decisions up to this day, YYYY-MM-DD (with --from)')
    .option('--dry-run', 'print what would be sent and what is held and why; change and send nothing')
    .action(async (options: { from?: string; to?: string; dryRun?: boolean }) => {
      if ((options.from === undefined) !== (options.to === undefined)) {
        throw new DocketError('validation_failed', '--from and --to go together', [
          { field: options.from ? '--to' : '--from', message: 'missing' },
        ]);
      }
      const range = options.from && options.to ? exportPeriod(options.from, options.to) : undefined;
      const settings = config();
      await withDocket(settings, async (docket) => {
        const out = (line: string) => process.stdout.write(`${line}\n`);
        if (options.dryRun) {
          const preview = await previewSubmission(docket.store.db, range);
          for (const record of preview.send) out(`send ${record.puid}  ${record.application_date}  ${record.category}`);
          for (const held of preview.held) for (const line of problemLines(held.puid, held.problems, 'held')) out(line);
          out(
            `dry run: ${preview.send.length} would be sent, ${preview.held.length} held, ${preview.notRequired} not for the database (no restriction in the EEA)${settings.dsaTdb ? '' : '; submission is off: DOCKET_DSA_TDB_URL and DOCKET_DSA_TDB_TOKEN are not set'}`,
          );
          return;
        }
        const submitter = docket.dsaSubmitter;
        if (!submitter) {
          throw new DocketError(
            'validation_failed',
            'submission is off: set DOCKET_DSA_TDB_URL and DOCKET_DSA_TDB_TOKEN (or use --dry-run)',
            [{ field: 'DOCKET_DSA_TDB_URL', message: 'not set' }],
          );
        }
        const rechecked = await recheckHeld(docket.store.db, docket.clock.now(), range);
        if (rechecked > 0) out(`${rechecked} held statement(s) checked again`);
        const total = await submitAll((options_) => submitter.runDue(options_), { range, manual: true });
        out(
          `submitted ${total.submitted} (${total.confirmed} the database already had), refused ${total.refused}, held ${total.held}, not for the database ${total.notRequired}${total.resolved ? `, ${total.resolved} interrupted sendings resolved` : ''}`,
        );
        if (total.refused + total.held > 0)
          out('see GET /api/transparency/sor/submissions?state=refused (or held) for the reasons');
      });
    });
}

/** Runs the submitter until nothing is due, sitting out short waits; a stop or an unreachable database throws. */
async function submitAll(
  run: (options: SubmitOptions) => Promise<SubmitTally>,
  options: SubmitOptions,
): Promise<SubmitTally> {
  const total = emptyTally();
  for (;;) {
    const tally = await run(options);
    for (const key of ['submitted', 'confirmed', 'refused', 'held', 'notRequired', 'resolved'] as const)
      total[key] += tally[key];
    const halt = tally.halt;
    if (!halt) return total;
    if (halt.kind === 'stopped') throw new DocketError('invalid_token', halt.message);
    if (halt.kind === 'unreachable') throw new DocketError('unavailable', halt.message);
    const wait = halt.until.getTime() - Date.now();
    if (wait > LONGEST_WAIT_MS) {
      throw new DocketError(
        'rate_limited',
        `the database asks to wait until ${halt.until.toISOString()} (${halt.message}); ${total.submitted} submitted so far, the server processes go on after the wait`,
      );
    }
    process.stderr.write(`waiting ${Math.ceil(Math.max(0, wait) / 1000)} s: ${halt.message}\n`);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)));
  }
}
