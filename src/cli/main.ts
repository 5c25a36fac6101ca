#!/usr/bin/env node
import { writeFile } from 'node:fs/promises';
import { toCsv } from '../transparency/dsa/rules.js';
import { exportPeriod, exportStatements } from '../transparency/dsa/exports.js';
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { ROLES } from '../core/roles.js';
import { loadConfig, type Config } from '../core/config.js';
import { DocketError } from '../core/errors.js';
import { verifyLog } from '../core/event-log.js';
import {
  boardCaseRefs,
  compareWithSite,
  verifyPublicLog,
  type PublicLogCopy,
  type PublicLogReport,
} from '../transparency/public-log/verify.js';
import {
  TiledLogMissing,
  verifierPublicKey,
  verifyTiledLog,
  type TiledLogReport,
} from '../transparency/public-log/verify-tiles.js';
import {
  describeTiledLog,
  isDirectory,
  isUrl,
  keptCopy,
  loadPublicLog,
  loadSiteCases,
  tiledLogSource,
  trustedKey,
  trustedWitnesses,
} from './verify-public.js';
import { packageVersion } from '../core/version.js';
import { migrate } from '../store/migrate.js';
import { printJson, printTable, reportFailure } from './output.js';
import { assessFile } from '../crisis/assess.js';
import { DEFAULT_CRISIS_RULES } from '../crisis/rules.js';
import { importReports } from './import-reports.js';
import { generateScale } from '../demo/scale.js';
import { serve } from './serve.js';
import { withDocket } from './store-access.js';
import { backupStore, restoreStore, storeLocation } from '../store/backup.js';
import { backupSummary, restoreSummary } from './backup-report.js';
import { connectorCommands } from './connector.js';
import { dsaCommands } from './dsa-submit.js';
import { harmonisedCsv, harmonisedPeriod } from '../transparency/statistics/harmonised.js';
import { harmonisedFor } from '../transparency/statistics/reads.js';

const program = new Command('docket')
  .description('Docket: content governance with an accountable, verifiable record')
  .version(packageVersion())
  .showHelpAfterError()
  .exitOverride();

const config = (overrides: Partial<Config> = {}): Config => loadConfig(process.env, overrides);

const port = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65_535)
    throw new InvalidArgumentError('a port is a whole number from 0 to 65535');
  return parsed;
};

const workerCount = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 256)
    throw new InvalidArgumentError('a number of workers is a whole number from 1 to 256');
  return parsed;
};

program
  .command('serve')
  .description('run the HTTP server (API, console and public site)')
  .option('--demo', 'seed and announce the demo data set (demo accounts have public passwords)')
  .option('-p, --port <port>', 'port to listen on (default: PORT or 3000)', port)
  .option(
    '-w, --workers <count>',
    'processes serving requests on the port, one per core at most (PostgreSQL only when more than 1)',
    workerCount,
    1,
  )
  .action(async (options: { demo?: boolean; port?: number; workers: number }) => {
    const base = config();
    await serve(
      { ...base, demo: options.demo ?? base.demo, port: options.port ?? base.port },
      { workers: options.workers },
    );
  });

program
  .command('migrate')
  .description('apply pending database migrations (serve does this too)')
  .action(async () => {
    await withDocket(config(), async (docket) => {
      const result = await migrate(docket.store.db);
      process.stdout.write(`${docket.store.location}: ${result.total} migrations, all applied\n`);
    });
  });

program
  .command('backup <file>')
  .description('write a backup of the store to FILE (stop the server first when on the embedded store)')
  .action(async (file: string) => {
    const manifest = await backupStore(storeLocation(config()), file, new Date());
    process.stdout.write(backupSummary(file, manifest));
  });

program
  .command('restore <file>')
  .description(
    'restore a backup into the store, then verify the event log and every count; a store holding data is replaced only with --force',
  )
  .option('--force', 'replace a store that already holds data')
  .action(async (file: string, options: { force?: boolean }) => {
    const report = await restoreStore(storeLocation(config()), file, { force: options.force ?? false });
    process.stdout.write(restoreSummary(file, report));
  });

program
  .command('verify')
  .description(
    "walk the event log's hash chain and report the first broken link; with --public, check a public log from its site or a copy",
  )
  .option('--json', 'print the report as JSON')
  .option(
    '--public <url-or-path>',
    'a Docket site (its URL), a directory copy of its /public/log/ (checkpoint, key, tile/, log.json), or a JSON view saved from /public/log',
  )
  .option(
    '--key <key>',
    'with --public: the key you trust: its verifier key (name+keyid+base64, or a file holding it), or the public key (base64url) or key id',
  )
  .option(
    '--against <file>',
    'with --public: a checkpoint kept earlier (the log must extend it), or a JSON view saved earlier (its entries must be unchanged)',
  )
  .option('--save-checkpoint <file>', 'with --public: keep the verified checkpoint in FILE, for --against next time')
  .option(
    '--witness <vkey>',
    'with --public: a witness whose cosignature (C2SP tlog-cosignature) the checkpoint must carry: its verifier key (name+keyid+base64, type 4), or a file holding it; repeatable',
    (value: string, previous: string[]) => [...previous, value],
    [] as string[],
  )
  .option('--witnesses <n>', 'with --witness: how many of the given witnesses must have cosigned (default: all)')
  .option('--mirror <dir>', 'with --public URL: also write what was read into DIR, a copy to verify offline later')
  .option('--no-site', "with --public URL: do not compare the site's board pages with the log")
  .action(async (options: VerifyOptions & { public?: string }) => {
    if (options.public) return verifyPublic(options.public, options);
    if (options.key || options.against || options.saveCheckpoint || options.witness.length > 0)
      throw new DocketError('validation_failed', '--key, --against, --save-checkpoint and --witness go with --public', [
        {
          field: options.key
            ? 'key'
            : options.against
              ? 'against'
              : options.saveCheckpoint
                ? 'save-checkpoint'
                : 'witness',
          message: 'only with --public',
        },
      ]);
    const report = await withDocket(config(), (docket) => verifyLog(docket.store.db));
    if (options.json) printJson(report);
    else if (report.ok)
      process.stdout.write(`ok: ${report.checked} entries verified; head ${report.head.seq} ${report.head.hash}\n`);
    else {
      const broken = report.firstBreak;
      process.stdout.write(
        `BROKEN at entry ${broken?.seq} (${broken?.reason}): ${broken?.message}\n  expected ${broken?.expected}\n  found    ${broken?.actual}\n`,
      );
    }
    if (!report.ok)
      throw new DocketError('chain_broken', `the event log does not verify from entry ${report.firstBreak?.seq}`);
  });

interface VerifyOptions {
  json?: boolean;
  key?: string;
  against?: string;
  saveCheckpoint?: string;
  mirror?: string;
  site: boolean;
  witness: string[];
  witnesses?: string;
}

/**
 * `docket verify --public`: a site or a directory copy is checked as a C2SP tlog-tiles log (signed checkpoint, tiles,
 * entry bundles, the JSON view against them) and as the JSON view's own chain and checkpoints; a site's board pages
 * must still show what was published. A saved JSON view alone gets the chain checks.
 */
async function verifyPublic(source: string, options: VerifyOptions): Promise<void> {
  const key = options.key ? trustedKey(options.key) : undefined;
  const witnesses = trustedWitnesses(options.witness, options.witnesses);
  const kept = options.against ? keptCopy(options.against) : undefined;
  if (options.mirror && !isUrl(source))
    throw new DocketError('validation_failed', '--mirror copies a site: give its URL', [
      { field: 'mirror', message: 'only with --public URL' },
    ]);
  const tiled = isUrl(source) || isDirectory(source) ? tiledLogSource(source, options.mirror) : null;
  if (!tiled && ((key && 'vkey' in key) || (kept && 'checkpoint' in kept) || options.saveCheckpoint || witnesses)) {
    throw new DocketError(
      'validation_failed',
      'a verifier key, a kept checkpoint, --save-checkpoint and --witness need the tiled log: give the site URL or a directory copy',
      [{ field: 'public', message: "a Docket site's URL or a directory copy of its /public/log/" }],
    );
  }
  let copy: PublicLogCopy | null = null;
  let tlog: TiledLogReport | null = null;
  if (tiled) {
    tlog = await verifyTiledLog(tiled.reader, {
      key,
      against: kept && 'checkpoint' in kept ? kept.checkpoint : undefined,
      witnesses,
      view: async () => (copy = await tiled.view())?.entries ?? null,
    }).catch((error: unknown) => {
      throw error instanceof TiledLogMissing ? tiled.missing(error.path) : error;
    });
  } else copy = await loadPublicLog(source);
  const view = copy as PublicLogCopy | null;

  const pinnedKey = key && 'vkey' in key ? verifierPublicKey(key.vkey).toString('base64url') : key?.publicKey;
  const earlier = kept && 'copy' in kept ? kept.copy : undefined;
  const verified = view ? verifyPublicLog(view, { pinnedKey, earlier }) : null;
  // A verified log is what was published; the site must still show the same (a quiet edit of a response shows here).
  const siteFinding =
    view && verified?.ok && tlog?.ok !== false && isUrl(source) && options.site
      ? compareWithSite(view.entries, await loadSiteCases(source, boardCaseRefs(view.entries)))
      : null;
  const report = verified && siteFinding ? { ...verified, ok: false, finding: siteFinding } : verified;
  const ok = (report?.ok ?? true) && (tlog?.ok ?? true);
  if (ok && tlog?.checkpoint && options.saveCheckpoint) await writeFile(options.saveCheckpoint, tlog.checkpoint);

  if (options.json) printJson(report ? { ...report, ok, tlog } : { ok, tlog });
  else {
    if (tlog && tiled) process.stdout.write(describeTiledLog(tlog, tiled.where));
    if (report && view) process.stdout.write(describeChain(report, view, source, options));
    if (ok && tlog && options.saveCheckpoint)
      process.stdout.write(
        `  checkpoint kept in ${options.saveCheckpoint}: pass --against ${options.saveCheckpoint} next time\n`,
      );
  }
  if (!ok) {
    const first = tlog?.findings[0];
    throw new DocketError(
      'chain_broken',
      first?.problem === 'cosignature_invalid' || first?.problem === 'cosignature_missing'
        ? `the public log does not verify: ${first.message}`
        : first
          ? `the public log does not verify: ${first.path} does not match`
          : `the public log does not verify at entry ${report?.finding?.seq}`,
    );
  }
}

function describeChain(
  report: PublicLogReport,
  copy: PublicLogCopy,
  source: string,
  options: { key?: string; site: boolean },
): string {
  if (!report.ok) {
    const f = report.finding;
    const what = f?.entry ? ` (${f.entry.type} ${f.entry.stream})` : '';
    return `MISMATCH at entry ${f?.seq}${what} [${f?.problem}]: ${f?.message}\n`;
  }
  const unsigned = report.head.seq - report.signedThrough;
  return (
    `ok: ${report.entries} public entries and ${report.checkpoints} signed checkpoint${report.checkpoints === 1 ? '' : 's'} verified (key ${report.keyId ?? 'none'}); head ${report.head.seq} ${report.head.hash}\n` +
    (isUrl(source) && options.site
      ? `  the site's pages of ${boardCaseRefs(copy.entries).length} board cases show what was published\n`
      : '') +
    (unsigned > 0 ? `  note: the newest ${unsigned} entries are not yet covered by a checkpoint\n` : '') +
    (options.key ? '' : `  note: pass --key ${copy.key?.x ?? ''} next time to insist on this key\n`)
  );
}

const user = program.command('user').description('manage user accounts');
user
  .command('add <username>')
  .description('create a user; prints a one-time password unless --password-stdin is given')
  .addOption(new Option('-r, --role <role...>', 'one or more roles').choices(ROLES).makeOptionMandatory())
  .option('-n, --name <display name>', 'the name shown in the console')
  .option('--region <region>', 'region a board member comes from')
  .option('--platform <platform>', 'the platform a platform liaison acts for (required for that role)')
  .option('--password-stdin', 'read the password from standard input instead of generating one')
  .action(
    async (
      username: string,
      options: { role: string[]; name?: string; region?: string; platform?: string; passwordStdin?: boolean },
    ) => {
      const password = options.passwordStdin ? readFileSync(0, 'utf8').replace(/\r?\n$/, '') : undefined;
      const result = await withDocket(config(), (docket) =>
        docket.access.createUser('system:cli', {
          username,
          roles: options.role,
          displayName: options.name,
          region: options.region,
          platform: options.platform,
          password,
        }),
      );
      process.stdout.write(`created ${result.user.username} (${result.user.roles.join(', ')})\n`);
      if (!password) process.stdout.write(`one-time password (change it at first sign-in): ${result.password}\n`);
    },
  );
user
  .command('list')
  .description('list users')
  .option('--json', 'print as JSON')
  .action(async (options: { json?: boolean }) => {
    const users = await withDocket(config(), (docket) => docket.access.listUsers());
    if (options.json) return printJson(users);
    printTable(
      users.map((u) => ({
        username: u.username,
        name: u.displayName,
        roles: u.roles.join(','),
        status: u.disabled ? 'disabled' : u.mustChangePassword ? 'must change password' : 'active',
      })),
      ['username', 'name', 'roles', 'status'],
    );
  });

const token = program.command('token').description('manage API tokens');
token
  .command('create')
  .description('create an API token; the secret is printed once')
  .requiredOption('--name <name>', 'what the token is for')
  .option('--platform <platform>', 'create an integration token acting for this platform')
  .option('--user <username>', 'create a token acting as this user')
  .action(async (options: { name: string; platform?: string; user?: string }) => {
    if (Boolean(options.platform) === Boolean(options.user)) {
      throw new DocketError(
        'validation_failed',
        'give exactly one of --platform (integration token) or --user (user token)',
      );
    }
    const kind = options.platform ? 'integration' : 'user';
    const result = await withDocket(config(), (docket) =>
      docket.access.createToken('system:cli', {
        name: options.name,
        kind,
        platform: options.platform,
        username: options.user,
      }),
    );
    process.stdout.write(`created ${kind} token ${result.record.id} (${result.record.name})\n${result.token}\n`);
  });
token
  .command('list')
  .description('list API tokens (never their secrets)')
  .option('--json', 'print as JSON')
  .action(async (options: { json?: boolean }) => {
    const tokens = await withDocket(config(), (docket) => docket.access.listTokens());
    if (options.json) return printJson(tokens);
    printTable(
      tokens.map((t) => ({
        id: t.id,
        name: t.name,
        kind: t.kind,
        platform: t.platform ?? '',
        prefix: t.prefix,
        revoked: t.revokedAt ?? '',
      })),
      ['id', 'name', 'kind', 'platform', 'prefix', 'revoked'],
    );
  });
token
  .command('revoke <id>')
  .description('revoke an API token')
  .action(async (id: string) => {
    const revoked = await withDocket(config(), (docket) => docket.access.revokeToken('system:cli', id));
    process.stdout.write(`revoked ${revoked.id} (${revoked.name})\n`);
  });

const positiveInteger =
  (max: number) =>
  (value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 1 || parsed > max)
      throw new InvalidArgumentError(`a whole number from 1 to ${max}`);
    return parsed;
  };

program
  .command('import')
  .description('import data from files')
  .command('reports <file>')
  .description(
    'import reports from a JSON Lines file (one report per line, as POST /api/reports takes it); safe to run again',
  )
  .requiredOption('--platform <platform>', 'the platform the reports come from')
  .option('--batch <size>', 'reports per transaction (default 500)', positiveInteger(1_000), 500)
  .action(async (file: string, options: { platform: string; batch: number }) => {
    const summary = await withDocket(config(), (docket) =>
      importReports(docket, file, options.platform, options.batch, (line, reason) =>
        process.stderr.write(`line ${line}: rejected: ${reason}\n`),
      ),
    );
    process.stdout.write(
      `${summary.lines} lines: ${summary.imported} reports imported, ${summary.replayed} already imported, ${summary.rejected.length} rejected\n`,
    );
    if (summary.rejected.length > 0) {
      throw new DocketError(
        'validation_failed',
        `${summary.rejected.length} line(s) rejected (listed above); the other lines were imported`,
      );
    }
  });

program
  .command('demo')
  .description('generate demo data on the configured store')
  .requiredOption(
    '--scale <reports>',
    'write this many decided reports over the past 12 months (subjects, cases, decisions, notices and their events, chained)',
    positiveInteger(100_000_000),
  )
  .option('--batch <size>', 'reports per transaction (default 10000)', positiveInteger(100_000), 10_000)
  .action(async (options: { scale: number; batch: number }) => {
    const result = await withDocket(config(), (docket) =>
      generateScale(docket, {
        reports: options.scale,
        batch: options.batch,
        onProgress: (p) =>
          process.stderr.write(
            `${p.reports.toLocaleString('en')} reports, ${p.events.toLocaleString('en')} events, ${p.seconds.toFixed(0)} s\n`,
          ),
      }),
    );
    process.stdout.write(
      `${result.reports.toLocaleString('en')} decided reports and ${result.events.toLocaleString('en')} events written and chained in ${result.seconds.toFixed(1)} s: ${Math.round(result.rate).toLocaleString('en')} reports/s (external ids scale-${result.tag}-*)\n`,
    );
  });

program
  .command('queue')
  .description('print the top of the review queue with priorities and their factors')
  .addOption(
    new Option('--level <level>', 'queue level').choices(['frontline', 'senior', 'policy']).default('frontline'),
  )
  .option('--limit <n>', 'how many cases (default 20)', positiveInteger(500), 20)
  .option('--json', 'print as JSON')
  .action(async (options: { level: 'frontline' | 'senior' | 'policy'; limit: number; json?: boolean }) => {
    const cases = await withDocket(config(), (docket) =>
      docket.moderation.queue.top([options.level], {}, options.limit),
    );
    if (options.json) return printJson(cases);
    printTable(
      cases.map((c) => ({
        priority: c.priority.toFixed(2),
        case: c.id,
        subject: (c.subject.title ?? '').slice(0, 40),
        place: `${c.country ?? '-'}/${c.language ?? '-'}`,
        reports: String(c.reportCount),
        why: c.priorityFactors.map((f) => `${f.factor}x${f.value}`).join(' '),
      })),
      ['priority', 'case', 'subject', 'place', 'reports', 'why'],
    );
  });

const exporter = program.command('export').description('exports for regulators and researchers');
exporter
  .command('sor')
  .description('statements of reasons of the decisions applied in a period, in the EU DSA Transparency Database format')
  .requiredOption('--from <date>', 'first day, YYYY-MM-DD')
  .requiredOption('--to <date>', 'last day, YYYY-MM-DD')
  .addOption(new Option('--format <format>', 'output').choices(['json', 'csv']).default('json'))
  .option('--out <file>', 'write to this file instead of standard output')
  .action(async (options: { from: string; to: string; format: 'json' | 'csv'; out?: string }) => {
    exportPeriod(options.from, options.to);
    const records = await withDocket(config(), (docket) => exportStatements(docket.store.db, options.from, options.to));
    const text = options.format === 'csv' ? toCsv(records) : `${JSON.stringify({ statements: records }, null, 2)}\n`;
    if (options.out) {
      await writeFile(options.out, text, 'utf8');
      process.stderr.write(`${records.length} statement(s) of reasons written to ${options.out}\n`);
    } else process.stdout.write(text);
  });

exporter
  .command('transparency-report')
  .description(
    "the transparency report for a period in the structure of the EU's harmonised templates (Implementing Regulation (EU) 2024/2835)",
  )
  .requiredOption('--from <date>', 'first day of the reporting period, YYYY-MM-DD')
  .requiredOption('--to <date>', 'last day of the reporting period, YYYY-MM-DD')
  .addOption(new Option('--format <format>', 'output').choices(['json', 'csv']).default('json'))
  .option('--out <file>', 'write to this file instead of standard output')
  .action(async (options: { from: string; to: string; format: 'json' | 'csv'; out?: string }) => {
    harmonisedPeriod(options);
    const report = await withDocket(config(), (docket) =>
      harmonisedFor(docket.publicReads, docket.clock.now(), options),
    );
    const text = options.format === 'csv' ? harmonisedCsv(report) : `${JSON.stringify(report, null, 2)}\n`;
    if (options.out) {
      await writeFile(options.out, text, 'utf8');
      process.stderr.write(`the transparency report ${options.from} to ${options.to} written to ${options.out}\n`);
    } else process.stdout.write(text);
  });

const crisis = program.command('crisis').description('the crisis protocol');
crisis
  .command('assess')
  .description(
    'assess countries for acute spikes and chronic state violence from ACLED-style events (reads files only)',
  )
  .requiredOption(
    '--events <file>',
    'CSV with event_date, country, iso3, event_type, sub_event_type, actor1, fatalities',
  )
  .option('--context <file>', 'CSV with iso3, population, civic_space')
  .option('--as-of <date>', 'YYYY-MM-DD (default: the latest event date)')
  .addOption(new Option('--format <format>', 'output').choices(['json', 'table']).default('table'))
  .option('--skip-invalid', 'skip invalid lines (each reported on stderr) instead of refusing the file')
  .action(
    async (options: {
      events: string;
      context?: string;
      asOf?: string;
      format: 'json' | 'table';
      skipInvalid?: boolean;
    }) => {
      const result = await assessFile({
        eventsPath: options.events,
        contextPath: options.context,
        asOf: options.asOf,
        skipInvalid: options.skipInvalid ?? false,
        onSkip: (p) => process.stderr.write(`line ${p.line}, ${p.column}: skipped: ${p.message}\n`),
        rules: DEFAULT_CRISIS_RULES,
      });
      if (options.format === 'json')
        return printJson({ asOf: result.asOf, events: result.events, countries: result.countries });
      process.stdout.write(
        `as of ${result.asOf}: ${result.events.counted} of ${result.events.read} events in the last weeks, ${result.events.skipped} skipped; rates ${result.perMillion ? 'per million people' : 'in events'} per week\n`,
      );
      printTable(
        result.countries.map((c) => ({
          iso3: c.iso3,
          acute: c.acute.flag ? 'ACUTE' : '-',
          observed: String(c.acute.observed),
          baseline: String(c.acute.baseline),
          z: String(c.acute.z),
          threshold: String(c.acute.threshold),
          cusum: String(c.acute.cusum),
          chronic: c.chronic.flag ? 'CHRONIC' : '-',
          rate: String(c.chronic.rate),
          percentile: String(c.chronic.percentile),
          'top-decile weeks': String(c.chronic.weeks_in_top_decile),
          'civic space': c.chronic.civic_space ?? '',
        })),
        [
          'iso3',
          'acute',
          'observed',
          'baseline',
          'z',
          'threshold',
          'cusum',
          'chronic',
          'rate',
          'percentile',
          'top-decile weeks',
          'civic space',
        ],
      );
    },
  );

connectorCommands(program, config);
dsaCommands(program, config);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  const commanderError = error as { code?: string; exitCode?: number };
  if (typeof commanderError.code === 'string' && commanderError.code.startsWith('commander.')) {
    // commander has printed its message already; help and version are successes.
    process.exit(commanderError.exitCode === 0 ? 0 : 2);
  }
  process.exit(reportFailure(error));
}
