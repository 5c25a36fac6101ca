import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { publicLogOrigin, type PublicLogOrigin } from './config-public-log.js';
import { publicLogWitnesses, type WitnessSetting } from './config-witnesses.js';
import { DocketError } from './errors.js';

export interface Config {
  port: number;
  host: string;
  /** Folder of the embedded store; ignored when databaseUrl is set. */
  dataDir: string;
  databaseUrl: string | undefined;
  /** A streaming replica of databaseUrl's database: the public site, the public API and the statistics read from it. */
  databaseReadUrl: string | undefined;
  poolSize: number;
  demo: boolean;
  /**
   * Check every answer against its route's response schema, with no field left undeclared (the tests set it): an
   * answer the contract does not describe fails loudly instead of losing fields in serialisation.
   */
  checkResponses: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Mark cookies Secure (set when Docket is served over HTTPS). */
  secureCookies: boolean;
  /** Strict-Transport-Security max-age in seconds; 0 sends no such header (set only when served over HTTPS). */
  hstsMaxAgeSeconds: number;
  sessionHours: number;
  /** Failed sign-ins in a row from one address before it is locked out of that username (see access/rules.ts). */
  maxFailedLogins: number;
  /** The first such lock's length; each further lock in a row doubles it, up to a day. */
  lockMinutes: number;
  bodyLimitBytes: number;
  /** How often this process sends due webhooks. */
  webhookPollMs: number;
  /** How often this process looks for due reviews and expiries. */
  schedulerPollMs: number;
  /**
   * The EU DSA Transparency Database's API and the platform's token (DOCKET_DSA_TDB_URL, DOCKET_DSA_TDB_TOKEN):
   * set, every server process submits the statements of reasons to it; unset, nothing is submitted.
   */
  dsaTdb: { url: string; token: string } | undefined;
  /** DOCKET_SMTP_URL (and DOCKET_SMTP_FROM): set, notifiers are told by e-mail too; unset, by their status page only. */
  smtp: { url: string; from: string } | undefined;
  /** Which proxies' X-Forwarded-For to believe for the client's address (Fastify's trustProxy); false: none. */
  trustProxy: TrustProxy;
  /** Requests each limit group allows (see src/http/rate-limits.ts); null switches a group off. */
  limits: Record<LimitGroup, RequestLimit | null>;
  /**
   * Docket's DID as an atproto moderation service (DOCKET_ATPROTO_DID, a did:web or did:plc): set, Docket takes
   * com.atproto.moderation.createReport addressed to it, and serves /.well-known/did.json for a did:web.
   */
  atprotoDid: string | undefined;
  /** The PLC directory that resolves did:plc identities (DOCKET_ATPROTO_PLC_URL). */
  atprotoPlcUrl: string;
  /**
   * DOCKET_ATPROTO_REASON_MAP: the JSON file that maps atproto reason types to policies over the defaults, read
   * here at start; the atproto connector checks its shape when it is set up (src/atproto/rules.ts reasonPoliciesOf).
   */
  atprotoReasonMap: JsonFileSetting | undefined;
  /** DOCKET_PUBLIC_LOG_ORIGIN: the public log's origin line as a C2SP transparency log. */
  publicLogOrigin: PublicLogOrigin;
  /** DOCKET_PUBLIC_LOG_WITNESSES: the witnesses asked to cosign the public log's checkpoints (none by default). */
  publicLogWitnesses: WitnessSetting[];
}

/** A setting that names a JSON file: the file as given, and what it holds, parsed. */
export interface JsonFileSetting {
  file: string;
  json: unknown;
}

/** false: the connection's address is the client's; true: every hop; N: N hops; or the proxies' addresses/CIDRs. */
export type TrustProxy = boolean | number | string[];

/** At most `max` requests in a window of `windowMs`, counted from the window's first request. */
export interface RequestLimit {
  max: number;
  windowMs: number;
}

/**
 * The limit groups: what each counts, by whom (the client's address; the integration token, so one platform's
 * flood does not spend another's allowance; or the atproto reporter, an address and the DID its token claims), and
 * the variable that sets it. Defaults leave room for people using the console and the public site and for a
 * platform pushing steadily; they stop floods. A batch counts once, in its own group.
 */
export const LIMIT_SETTINGS = {
  signIn: { counted: 'sign-in attempts', by: 'address', variable: 'DOCKET_LIMIT_SIGN_IN', fallback: '30/15m' },
  comment: { counted: 'public comments', by: 'address', variable: 'DOCKET_LIMIT_COMMENTS', fallback: '20/1h' },
  notice: { counted: 'notices', by: 'address', variable: 'DOCKET_LIMIT_NOTICES', fallback: '20/1h' },
  read: { counted: 'requests without an account', by: 'address', variable: 'DOCKET_LIMIT_READS', fallback: '300/1m' },
  ingest: { counted: 'pushes', by: 'token', variable: 'DOCKET_LIMIT_INGEST', fallback: '600/1m' },
  ingestBatch: { counted: 'batches', by: 'token', variable: 'DOCKET_LIMIT_INGEST_BATCHES', fallback: '60/1m' },
  // atproto createReport: every user of one PDS arrives from its address, each with the token their PDS minted.
  // 20 a minute is far above a person reporting posts one by one in the app, and stops one user's flood at the
  // reporter, before it spends the PDS's share. The address cap fits a large PDS (100 reports a second) and bounds
  // what tokens claiming ever-new DIDs from one address cost in DID resolutions.
  atprotoReporter: {
    counted: 'reports',
    by: 'reporter',
    variable: 'DOCKET_LIMIT_ATPROTO_REPORTER',
    fallback: '20/1m',
  },
  atprotoAddress: {
    counted: 'reports',
    by: 'address',
    variable: 'DOCKET_LIMIT_ATPROTO_ADDRESS',
    fallback: '6000/1m',
  },
} as const;

export type LimitGroup = keyof typeof LIMIT_SETTINGS;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reads and validates configuration once, at start. Nothing below the entry points reads the environment. */
export function loadConfig(env: NodeJS.ProcessEnv, overrides: Partial<Config> = {}): Config {
  const config: Config = {
    port: integer(env, 'PORT', 3000, 0, 65_535),
    host: env.HOST?.trim() || '127.0.0.1',
    dataDir: resolve(env.DOCKET_DATA_DIR?.trim() || './data'),
    databaseUrl: env.DATABASE_URL?.trim() || undefined,
    databaseReadUrl: env.DATABASE_READ_URL?.trim() || undefined,
    poolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 200),
    demo: flag(env, 'DOCKET_DEMO', false),
    checkResponses: flag(env, 'DOCKET_CHECK_RESPONSES', false),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    secureCookies: flag(env, 'DOCKET_SECURE_COOKIES', false),
    hstsMaxAgeSeconds: integer(env, 'DOCKET_HSTS_MAX_AGE', 0, 0, 63_072_000),
    sessionHours: integer(env, 'DOCKET_SESSION_HOURS', 12, 1, 24 * 30),
    maxFailedLogins: integer(env, 'DOCKET_MAX_FAILED_LOGINS', 5, 1, 100),
    lockMinutes: integer(env, 'DOCKET_LOCK_MINUTES', 15, 1, 24 * 60),
    bodyLimitBytes: 1_048_576,
    webhookPollMs: integer(env, 'DOCKET_WEBHOOK_POLL_MS', 2_000, 100, 3_600_000),
    schedulerPollMs: integer(env, 'DOCKET_SCHEDULER_POLL_MS', 60_000, 100, 3_600_000),
    dsaTdb: dsaTdb(env),
    smtp: smtp(env),
    trustProxy: trustProxy(env, 'DOCKET_TRUST_PROXY'),
    limits: limits(env),
    atprotoDid: atprotoDid(env, 'DOCKET_ATPROTO_DID'),
    atprotoPlcUrl: httpUrl(env, 'DOCKET_ATPROTO_PLC_URL', 'https://plc.directory'),
    atprotoReasonMap: jsonFile(env, 'DOCKET_ATPROTO_REASON_MAP'),
    publicLogOrigin: publicLogOrigin(env),
    publicLogWitnesses: publicLogWitnesses(env),
    ...overrides,
  };
  for (const [name, url] of [
    ['DATABASE_URL', config.databaseUrl],
    ['DATABASE_READ_URL', config.databaseReadUrl],
  ] as const) {
    if (url && !/^postgres(ql)?:\/\//.test(url))
      throw configError(name, 'must be a postgres:// or postgresql:// connection string');
  }
  // The embedded store has no replicas: a read URL beside it would be ignored, and the public site would silently
  // read something else than the operator meant.
  if (config.databaseReadUrl && !config.databaseUrl) {
    throw configError(
      'DATABASE_READ_URL',
      'names a read replica, which needs DATABASE_URL set to its primary (the embedded store has no replicas)',
    );
  }
  return config;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw configError(name, `must be a whole number from ${min} to ${max}, not "${raw}"`);
  }
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw configError(name, `must be true or false, not "${raw}"`);
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw configError(name, `must be one of ${allowed.join(', ')}, not "${raw}"`);
}

const DURATION_UNITS_MS = { s: 1_000, m: 60_000, h: 3_600_000 } as const;

function limits(env: NodeJS.ProcessEnv): Record<LimitGroup, RequestLimit | null> {
  const entries = Object.entries(LIMIT_SETTINGS).map(([group, { variable, fallback }]) => [
    group,
    requestLimit(env[variable]?.trim() || fallback, variable),
  ]);
  return Object.fromEntries(entries) as Record<LimitGroup, RequestLimit | null>;
}

/** A limit as written: `N/` a number of seconds, minutes or hours (`30/15m`), or `off`. */
export function requestLimit(raw: string, name: string): RequestLimit | null {
  if (raw.toLowerCase() === 'off') return null;
  const match = /^(\d{1,7})\s*\/\s*(\d{1,5})\s*([smh])$/.exec(raw);
  const max = Number(match?.[1]);
  const windowMs = Number(match?.[2]) * DURATION_UNITS_MS[(match?.[3] ?? 's') as keyof typeof DURATION_UNITS_MS];
  if (!match || max < 1 || windowMs < 1_000 || windowMs > 86_400_000) {
    throw configError(
      name,
      `must be requests per window such as "30/15m" (at least 1 request, a window of 1s to 24h, units s, m, h) or "off", not "${raw}"`,
    );
  }
  return { max, windowMs };
}

/** A service DID atproto can resolve: did:plc, or did:web of a host (a did:web with a path is not used by atproto). */
function atprotoDid(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  if (/^did:plc:[a-z2-7]{24}$/.test(raw) || /^did:web:[a-zA-Z0-9.-]+(%3[aA][0-9]{1,5})?$/.test(raw)) return raw;
  throw configError(name, `must be a did:plc:… or a did:web:<host> (such as did:web:docket.example), not "${raw}"`);
}

function httpUrl(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!URL.canParse(raw) || !/^https?:$/.test(new URL(raw).protocol))
    throw configError(name, `must be an http:// or https:// address, not "${raw}"`);
  return raw;
}

/** The SMTP server notifiers' e-mail goes through: smtp:// or smtps://, with the sender's address. */
function smtp(env: NodeJS.ProcessEnv): Config['smtp'] {
  const url = env.DOCKET_SMTP_URL?.trim();
  if (!url) return undefined;
  if (!URL.canParse(url) || !/^smtps?:$/.test(new URL(url).protocol))
    throw configError('DOCKET_SMTP_URL', `must be an smtp:// or smtps:// address, not "${url}"`);
  const from = env.DOCKET_SMTP_FROM?.trim() || `docket@${new URL(url).hostname || 'localhost'}`;
  return { url, from };
}

/** Both the database's address and the token, or neither: one without the other is a mistake worth stopping for. */
function dsaTdb(env: NodeJS.ProcessEnv): Config['dsaTdb'] {
  const url = env.DOCKET_DSA_TDB_URL?.trim();
  const token = env.DOCKET_DSA_TDB_TOKEN?.trim();
  if (!url && !token) return undefined;
  if (!token)
    throw configError('DOCKET_DSA_TDB_TOKEN', "must be set with DOCKET_DSA_TDB_URL (the platform's API token)");
  if (!url) throw configError('DOCKET_DSA_TDB_URL', "must be set with DOCKET_DSA_TDB_TOKEN (the database's address)");
  return { url: httpUrl(env, 'DOCKET_DSA_TDB_URL', url).replace(/\/+$/, ''), token };
}

/** A JSON file the setting names, read once at start: a file that cannot be read or is not JSON stops the start. */
function jsonFile(env: NodeJS.ProcessEnv, name: string): JsonFileSetting | undefined {
  const file = env[name]?.trim();
  if (!file) return undefined;
  let text: string;
  try {
    text = readFileSync(resolve(file), 'utf8');
  } catch (error) {
    throw configError(
      name,
      `names ${file}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  try {
    return { file, json: JSON.parse(text) as unknown };
  } catch (error) {
    throw configError(name, `names ${file}, which is not JSON: ${(error as Error).message}`);
  }
}

/** The named address ranges Fastify's trustProxy takes besides addresses and CIDRs. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function trustProxy(env: NodeJS.ProcessEnv, name: string): TrustProxy {
  const raw = env[name]?.trim();
  if (!raw || ['false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  if (['true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > 100) throw configError(name, `as a number of proxy hops must be from 0 to 100, not "${raw}"`);
    return hops === 0 ? false : hops;
  }
  const entries = raw.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !isProxyAddress(entry));
  if (bad.length > 0) {
    throw configError(
      name,
      `must be true, false, a number of proxy hops, or a comma list of proxy addresses or CIDRs (or loopback, linklocal, uniquelocal); not an address: ${bad.map((b) => `"${b}"`).join(', ')}`,
    );
  }
  return entries;
}

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

function configError(name: string, message: string): DocketError {
  return new DocketError('validation_failed', `configuration ${name} ${message}`, [{ field: name, message }]);
}
