import { resolve } from 'node:path';
import { DocketError } from './errors.js';

export interface Config {
  port: number;
  host: string;
  /** Folder of the embedded store; ignored when databaseUrl is set. */
  dataDir: string;
  databaseUrl: string | undefined;
  poolSize: number;
  demo: boolean;
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
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reads and validates configuration once, at start. Nothing below the entry points reads the environment. */
export function loadConfig(env: NodeJS.ProcessEnv, overrides: Partial<Config> = {}): Config {
  const config: Config = {
    port: integer(env, 'PORT', 3000, 0, 65_535),
    host: env.HOST?.trim() || '127.0.0.1',
    dataDir: resolve(env.DOCKET_DATA_DIR?.trim() || './data'),
    databaseUrl: env.DATABASE_URL?.trim() || undefined,
    poolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 200),
    demo: flag(env, 'DOCKET_DEMO', false),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    secureCookies: flag(env, 'DOCKET_SECURE_COOKIES', false),
    hstsMaxAgeSeconds: integer(env, 'DOCKET_HSTS_MAX_AGE', 0, 0, 63_072_000),
    sessionHours: integer(env, 'DOCKET_SESSION_HOURS', 12, 1, 24 * 30),
    maxFailedLogins: integer(env, 'DOCKET_MAX_FAILED_LOGINS', 5, 1, 100),
    lockMinutes: integer(env, 'DOCKET_LOCK_MINUTES', 15, 1, 24 * 60),
    bodyLimitBytes: 1_048_576,
    webhookPollMs: integer(env, 'DOCKET_WEBHOOK_POLL_MS', 2_000, 100, 3_600_000),
    schedulerPollMs: integer(env, 'DOCKET_SCHEDULER_POLL_MS', 60_000, 100, 3_600_000),
    ...overrides,
  };
  if (config.databaseUrl && !/^postgres(ql)?:\/\//.test(config.databaseUrl)) {
    throw configError('DATABASE_URL', 'must be a postgres:// or postgresql:// connection string');
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

function configError(name: string, message: string): DocketError {
  return new DocketError('validation_failed', `configuration ${name} ${message}`, [{ field: name, message }]);
}
