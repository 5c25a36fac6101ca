import { hostname } from 'node:os';
import { DocketError } from './errors.js';

/**
 * DOCKET_PUBLIC_LOG_ORIGIN: the public log's origin line, its name in every C2SP checkpoint and in its note verifier
 * key (https://c2sp.org/tlog-checkpoint recommends a schema-less URL such as `transparency.example.org/log`).
 * Unset, it is this host's name and `/log`; the first checkpoint records whichever is used, and it stays the log's.
 */
export interface PublicLogOrigin {
  origin: string;
  /** Set by the operator (and then checked against the recorded one), rather than the default. */
  explicit: boolean;
}

/** A key name of a signed note (no space, no `+`) without control characters, as an origin line must be. */
const isOrigin = (text: string) =>
  text.length <= 255 &&
  /^[^\s+\u0085]+$/u.test(text) &&
  ![...text].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f');

export function publicLogOrigin(env: NodeJS.ProcessEnv, host = hostname()): PublicLogOrigin {
  const name = 'DOCKET_PUBLIC_LOG_ORIGIN';
  const raw = env[name]?.trim();
  if (!raw) return { origin: `${host.toLowerCase()}/log`, explicit: false };
  if (!isOrigin(raw)) {
    const message = `must be the log's name as a schema-less URL such as transparency.example.org/log (no spaces or "+", at most 255 characters), not "${raw}"`;
    throw new DocketError('validation_failed', `configuration ${name} ${message}`, [{ field: name, message }]);
  }
  return { origin: raw, explicit: true };
}
