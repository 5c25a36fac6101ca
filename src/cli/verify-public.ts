import { readFileSync } from 'node:fs';
import { DocketError } from '../core/errors.js';
import type { PublicLogCopy, SiteCase } from '../transparency/public-log/verify.js';

/** Where a public log is: a file saved earlier, or a Docket site (its base URL or its /public/log URL). */
export async function loadPublicLog(source: string): Promise<PublicLogCopy> {
  if (!isUrl(source)) return readCopy(source);
  const url = new URL(source);
  if (!url.pathname.endsWith('/public/log')) url.pathname = `${url.pathname.replace(/\/$/, '')}/public/log`;
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
