import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DocketError } from '../core/errors.js';
import { parseCosignerKey, type Cosigner } from '../transparency/public-log/cosignature.js';
import { parseVerifierKey } from '../transparency/public-log/note.js';
import type { PublicLogCopy, SiteCase } from '../transparency/public-log/verify.js';
import type { TiledLogReader, TiledLogReport } from '../transparency/public-log/verify-tiles.js';

/** Where a public log is: a file saved earlier, or a Docket site (its base URL or its /public/log URL). */
export async function loadPublicLog(source: string): Promise<PublicLogCopy> {
  if (!isUrl(source)) return readCopy(source);
  const url = new URL(source);
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path.endsWith('/public/log') ? path : `${path}/public/log`;
  let after = 0;
  const copy: PublicLogCopy = { log: '', key: null, head: { seq: 0, hash: '' }, entries: [], checkpoints: [] };
  for (;;) {
    url.searchParams.set('after', String(after));
    url.searchParams.set('limit', '5000');
    const page = await fetchPage(url);
    Object.assign(copy, { log: page.log, key: page.key, head: page.head, checkpoints: page.checkpoints });
    copy.entries.push(...page.entries);
    if (page.nextAfter === null || page.nextAfter === undefined) return copy;
    after = page.nextAfter;
  }
}

async function fetchPage(url: URL): Promise<PublicLogCopy & { nextAfter?: number | null }> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' } });
  } catch (error) {
    throw new DocketError(
      'unavailable',
      `cannot reach ${url.origin}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (!response.ok)
    throw new DocketError('unavailable', `${url.href} answered ${response.status} ${response.statusText}`);
  return (await response.json()) as PublicLogCopy & { nextAfter?: number | null };
}

function readCopy(path: string): PublicLogCopy {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new DocketError(
      'validation_failed',
      `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`,
      [{ field: 'path', message: 'a saved public log (JSON) or an http(s) URL' }],
    );
  }
  try {
    return JSON.parse(text) as PublicLogCopy;
  } catch {
    throw new DocketError('validation_failed', `${path} is not JSON`, [
      { field: 'path', message: 'a public log as saved from /public/log' },
    ]);
  }
}

export const isUrl = (source: string): boolean => /^https?:\/\//i.test(source);

/** The site's current public pages of these board cases (null where the site no longer has one). */
export async function loadSiteCases(source: string, refs: readonly string[]): Promise<Map<string, SiteCase | null>> {
  const origin = new URL(source).origin;
  const cases = new Map<string, SiteCase | null>();
  for (const ref of refs) {
    const url = new URL(`/api/public/board/cases/${encodeURIComponent(ref)}`, origin);
    const response = await fetch(url, { headers: { accept: 'application/json' } }).catch((error: unknown) => {
      throw new DocketError(
        'unavailable',
        `cannot reach ${origin}: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
    if (response.status === 404) cases.set(ref, null);
    else if (!response.ok)
      throw new DocketError('unavailable', `${url.href} answered ${response.status} ${response.statusText}`);
    else cases.set(ref, (await response.json()) as SiteCase);
  }
  return cases;
}

/** A public log published as C2SP tlog-tiles: at a site (`…/public/log/`) or in a directory with the same layout. */
export interface TiledLogSource {
  /** Where it is, for messages: the log prefix URL or the directory. */
  where: string;
  reader: TiledLogReader;
  /** The JSON view: the site's /public/log, or `log.json` in the directory (null when the directory has none). */
  view: () => Promise<PublicLogCopy | null>;
  /** What to say when a resource is not there. */
  missing: (path: string) => DocketError;
}

export const isDirectory = (source: string): boolean => {
  try {
    return statSync(source).isDirectory();
  } catch {
    return false;
  }
};

/** The log prefix of a site given by its base URL or its /public/log URL, ending in a slash. */
export function logPrefix(source: string): URL {
  const url = new URL(source);
  url.search = '';
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = `${path.endsWith('/public/log') ? path : `${path}/public/log`}/`;
  return url;
}

/**
 * Where to read the tiled log from. With `mirror`, every resource read from a site is also written under that
 * directory (and the JSON view as `log.json`), a copy `docket verify --public DIR` checks offline later.
 */
export function tiledLogSource(source: string, mirror?: string): TiledLogSource {
  if (isUrl(source)) {
    const prefix = logPrefix(source);
    const keep = async <T>(path: string, data: T, bytes: (data: T) => string | Uint8Array) => {
      if (mirror && data && !path.includes('?')) {
        await mkdir(dirname(join(mirror, ...path.split('/'))), { recursive: true });
        await writeFile(join(mirror, ...path.split('/')), bytes(data));
      }
      return data;
    };
    return {
      where: prefix.href,
      reader: { read: async (path) => keep(path, await fetchBytes(new URL(path, prefix)), (d) => d as Uint8Array) },
      view: async () => keep('log.json', await loadPublicLog(source), (copy) => JSON.stringify(copy)),
      missing: (path) =>
        new DocketError('unavailable', `${new URL(path, prefix).href} answered 404: the site does not serve it`),
    };
  }
  return {
    where: source,
    reader: { read: (path) => readBytes(join(source, ...path.split('/'))) },
    view: async () => ((await readBytes(join(source, 'log.json'))) ? readCopy(join(source, 'log.json')) : null),
    missing: (path) =>
      new DocketError(
        'validation_failed',
        `${join(source, path)} is missing: the directory is not a whole copy of the log`,
        [
          {
            field: 'public',
            message: 'a directory with checkpoint, key and tile/ as the site serves them under /public/log/',
          },
        ],
      ),
  };
}

async function fetchBytes(url: URL): Promise<Uint8Array | null> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new DocketError(
      'unavailable',
      `cannot reach ${url.origin}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (response.status === 404) return null;
  if (!response.ok)
    throw new DocketError('unavailable', `${url.href} answered ${response.status} ${response.statusText}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function readBytes(path: string): Promise<Uint8Array | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new DocketError(
      'validation_failed',
      `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/**
 * `--key`: a verifier key line (`name+keyid+base64`) or a file holding one; otherwise the public key (base64url)
 * or key id the log's key must have, as for the JSON view.
 */
export function trustedKey(value: string): { vkey: string } | { publicKey: string } {
  const text = !value.includes('+') && existsSync(value) ? readFileSync(value, 'utf8').trim() : value.trim();
  if (!text.includes('+')) return { publicKey: text };
  try {
    parseVerifierKey(text);
  } catch (error) {
    throw new DocketError('validation_failed', `--key: ${error instanceof Error ? error.message : String(error)}`, [
      {
        field: 'key',
        message: 'a verifier key <name>+<key ID>+<base64 key>, as /public/log/key serves it, or a file holding one',
      },
    ]);
  }
  return { vkey: text };
}

/** `--witness` (each a cosignature/v1 vkey or a file holding one) and `--witnesses`, the quorum (default: all). */
export function trustedWitnesses(
  values: readonly string[],
  quorum: string | undefined,
): { cosigners: Cosigner[]; quorum: number } | undefined {
  if (values.length === 0) {
    if (quorum === undefined) return undefined;
    throw new DocketError('validation_failed', '--witnesses goes with --witness', [
      { field: 'witnesses', message: 'give the witnesses with --witness <vkey>' },
    ]);
  }
  const cosigners = values.map((value) => {
    const text = !value.includes('+') && existsSync(value) ? readFileSync(value, 'utf8').trim() : value.trim();
    try {
      return parseCosignerKey(text);
    } catch (error) {
      throw new DocketError(
        'validation_failed',
        `--witness: ${error instanceof Error ? error.message : String(error)}`,
        [
          {
            field: 'witness',
            message: "a witness's verifier key <name>+<key ID>+<base64(0x04 || key)>, or a file holding one",
          },
        ],
      );
    }
  });
  const tags = new Set(cosigners.map((c) => `${c.name}+${c.keyId}`));
  if (tags.size !== cosigners.length)
    throw new DocketError('validation_failed', '--witness: the same witness is given twice', [
      { field: 'witness', message: 'each witness once' },
    ]);
  const n = quorum === undefined ? cosigners.length : Number(quorum);
  if (!Number.isInteger(n) || n < 1 || n > cosigners.length)
    throw new DocketError('validation_failed', `--witnesses ${quorum}: a whole number from 1 to ${cosigners.length}`, [
      { field: 'witnesses', message: `how many of the ${cosigners.length} witnesses given must have cosigned` },
    ]);
  return { cosigners, quorum: n };
}

/** `--against`: a checkpoint kept earlier (a signed note), or a copy of the JSON view saved earlier. */
export function keptCopy(path: string): { checkpoint: Buffer } | { copy: PublicLogCopy } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new DocketError(
      'validation_failed',
      `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`,
      [
        {
          field: 'against',
          message: 'a checkpoint saved with --save-checkpoint, or a public log saved from /public/log',
        },
      ],
    );
  }
  return bytes.toString('utf8').trimStart().startsWith('{') ? { copy: readCopy(path) } : { checkpoint: bytes };
}

/** The tiled log's verdict in a few lines. */
export function describeTiledLog(report: TiledLogReport, where: string): string {
  const lines: string[] = [];
  if (report.ok) {
    lines.push(
      `ok: ${report.origin}: ${report.size} entries signed, root ${report.root}; every tile and entry bundle at ${where} matches it`,
    );
  }
  for (const f of report.findings)
    lines.push(`MISMATCH ${f.path}${f.seq === null ? '' : ` (entry ${f.seq})`} [${f.problem}]: ${f.message}`);
  if (report.more > 0) lines.push(`  … and ${report.more} more mismatches`);
  if (report.key) {
    const id = report.key.vkey.split('+').slice(0, 2).join('+');
    lines.push(
      report.key.from === 'given'
        ? `  key ${id}, the one you gave`
        : `  key ${id}, as the log itself serves it: that only shows the log agrees with itself; keep the key and pass --key ${report.key.vkey}`,
    );
  }
  if (report.view) {
    lines.push(
      `  the JSON view's ${report.view.compared} signed entries were compared, with their payloads${report.view.newer ? `; ${report.view.newer} newer entries are not in the signed tree yet` : ''}`,
    );
  }
  if (report.proofs > 0)
    lines.push(`  the ${report.proofs} inclusion and consistency proofs the log serves for them verify too`);
  if (report.against && report.ok)
    lines.push(`  the log extends the checkpoint you kept (${report.against.size} entries)`);
  lines.push(...describeWitnesses(report.witnesses));
  return `${lines.join('\n')}\n`;
}

function describeWitnesses(witnesses: TiledLogReport['witnesses']): string[] {
  if (!witnesses) return [];
  if (!witnesses.checked) {
    if (witnesses.found.length === 0) return [];
    return [
      `  ${witnesses.found.length} cosignature line${witnesses.found.length === 1 ? '' : 's'} on the checkpoint, not checked (pass --witness <vkey> to check them):`,
      ...witnesses.found.map(
        (w) => `    ${w.witness}${w.timestamp === null ? '' : ` at ${new Date(w.timestamp * 1000).toISOString()}`}`,
      ),
    ];
  }
  return [
    `  witnesses: ${witnesses.cosigned} of the ${witnesses.results.length} given cosigned the checkpoint (${witnesses.quorum} required)`,
    ...witnesses.results.map(
      (w) =>
        `    ${w.witness}: ${w.status === 'cosigned' ? `cosigned at ${new Date((w.timestamp ?? 0) * 1000).toISOString()}` : w.status === 'missing' ? 'no cosignature' : 'cosignature does not verify'}`,
    ),
  ];
}
