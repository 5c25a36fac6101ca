import type { PublicLogDocument, WitnessStatus } from '../public-log/reads.js';
import { day, html } from './html.js';
import { page } from './layout.js';

const TYPE_LABELS: Record<string, string> = {
  'board.case_selected': 'Case taken by the board',
  'board.platform_reversed': 'Platform reversed its decision',
  'board.comments_closed_early': 'Public comments closed early',
  'board.decision': 'Board decision',
  'board.obligation': 'Binding decision to implement',
  'board.implementation': 'Decision implemented',
  'board.implementation_overdue': 'Implementation overdue',
  'board.recommendation': 'Recommendation',
  'board.response': 'Platform response',
  'board.response_overdue': 'Response overdue',
  'board.assessment': "Board's assessment",
  'designation.approved': 'Crisis designation',
  'designation.reviewed': 'Designation reviewed',
  'designation.ended': 'Designation ended',
  'policy.version': 'Policy version',
  'figure.restriction_imposed': "Public figure's account restricted",
  'figure.restriction_extended': 'Restriction extended at review',
  'figure.restriction_lifted': 'Restriction lifted at review',
  'figure.restriction_lapsed': 'Restriction lapsed unreviewed',
};

/** The public log as a page: how to check it, the key, the checkpoints and the newest entries. */
export const LOG_PAGE_SIZE = 50;

/** `log` holds up to LOG_PAGE_SIZE entries ending at entry `through` (the newest when it is the head). */
export function logPage(
  log: PublicLogDocument,
  total: number,
  origin: string,
  through: number = total,
  verifierKey: string | null = null,
  witnesses: readonly WitnessStatus[] = [],
): string {
  const latest = log.checkpoints[log.checkpoints.length - 1];
  const body = html`<h1>Public log</h1>
<p class="lead">Every published board decision, recommendation, platform response, board assessment, implementation deadline, crisis designation, public-figure restriction and policy version is an entry of this append-only log. Each entry's SHA-256 hash covers the one before it, and Docket signs the head with its Ed25519 key. Download it and check it yourself: a rewrite of any published entry shows.</p>
<h2>Check it</h2>
<pre><code>docket verify --public ${origin}/public/log --key ${log.key?.x ?? ''}</code></pre>
<p class="muted">Keep a copy (<code>curl -o log.json '${origin}/public/log?limit=5000'</code>) and pass it later with <code>--against log.json</code>: any entry that has changed since is named.</p>
<dl class="facts">
<dt>Entries</dt><dd>${total.toLocaleString('en')}</dd>
<dt>Head</dt><dd><code>${log.head.hash}</code></dd>
<dt>Signing key</dt><dd>${log.key ? html`Ed25519, id <code>${log.key.keyId}</code>, public key (base64url) <code>${log.key.x}</code>` : 'none yet'}</dd>
<dt>Last checkpoint</dt><dd>${latest ? html`entry ${latest.seq}, signed ${day(latest.at)} <code>${latest.signature.slice(0, 24)}…</code>` : 'none yet'}</dd>
</dl>
<p><a class="button secondary" href="/public/log?limit=5000">Download the log (JSON)</a></p>
${verifierKey ? tlogSection(origin, verifierKey, witnesses) : ''}
<h2 id="entries">${through === total ? 'Newest entries' : html`Entries ${Math.max(1, through - LOG_PAGE_SIZE + 1)} to ${through}`}</h2>
${log.entries.length === 0 ? html`<p class="empty">Nothing has been published yet.</p>` : html`<table><thead><tr><th scope="col" class="num">#</th><th scope="col">Published</th><th scope="col">Entry</th><th scope="col">About</th><th scope="col">Hash</th></tr></thead><tbody>${[...log.entries].reverse().map((e) => html`<tr><td class="num">${e.seq}</td><td>${day(e.at)}</td><td>${TYPE_LABELS[e.type] ?? e.type}</td><td>${about(e.stream)}</td><td><code title="${e.hash}">${e.hash.slice(0, 12)}…</code></td></tr>`)}</tbody></table>`}
${pager(total, through)}`;
  return page({
    title: 'Public log',
    section: '/log',
    description: 'The signed, hash-chained public record of board decisions, responses and designations.',
    body,
  });
}

/** The same log as a C2SP transparency log, for tools Docket's authors did not write, and who witnesses it. */
function tlogSection(origin: string, verifierKey: string, witnesses: readonly WitnessStatus[]) {
  return html`<h2 id="tlog">As a transparency log</h2>
<p>The log is also an RFC 6962 Merkle tree served as a <a href="https://c2sp.org/tlog-tiles">C2SP tlog-tiles</a> log under <code>${origin}/public/log/</code>: the signed <a href="/public/log/checkpoint">checkpoint</a>, hash tiles, entry bundles, and inclusion and consistency proofs. Its checkpoints are signed notes; check them with this verifier key (also at <a href="/public/log/key">/public/log/key</a>):</p>
<pre><code>${verifierKey}</code></pre>
${witnesses.length === 0 ? '' : witnessList(witnesses)}`;
}

/**
 * The witnesses: independent parties that each check a new checkpoint is consistent with the last one they saw and
 * cosign it (C2SP tlog-cosignature); their lines are on the served checkpoint.
 */
function witnessList(witnesses: readonly WitnessStatus[]) {
  return html`<h3 id="witnesses">Witnesses</h3>
<p>Each witness checks that every new checkpoint extends the last one it cosigned, so the log cannot show different histories to different readers without one of them noticing. Their cosignatures are appended to the <a href="/public/log/checkpoint">checkpoint</a>.</p>
<table><thead><tr><th scope="col">Witness</th><th scope="col" class="num">Cosigned up to entry</th><th scope="col">Last cosigned</th><th scope="col">Last attempt</th></tr></thead><tbody>${witnesses.map(
    (w) =>
      html`<tr><td><code title="${w.vkey}">${w.witness}</code></td><td class="num">${w.cosignedSize ?? '—'}</td><td>${w.cosignedAt ? day(w.cosignedAt) : 'not yet'}</td><td>${w.lastAttemptAt === null ? 'not asked yet' : w.lastError === null ? html`${day(w.lastAttemptAt)}, cosigned` : html`${day(w.lastAttemptAt)}, failed: ${w.lastError}`}</td></tr>`,
  )}</tbody></table>`;
}

function about(stream: string) {
  const board = /^BC-\d{4}-\d{3}/.exec(stream);
  if (board) return html`<a href="/decisions/${board[0]}">${stream}</a>`;
  if (stream.startsWith('designation/'))
    return html`<a href="/designations">${stream.slice('designation/'.length)}</a>`;
  if (stream.startsWith('figure/'))
    return html`<a href="/designations#restrictions">${stream.slice('figure/'.length)}</a>`;
  if (stream.startsWith('policy/'))
    return html`<a href="/policies/${stream.slice('policy/'.length)}">${stream.slice('policy/'.length)}</a>`;
  return stream;
}

function pager(total: number, through: number) {
  const newer = Math.min(total, through + LOG_PAGE_SIZE);
  const older = through - LOG_PAGE_SIZE;
  if (total <= LOG_PAGE_SIZE) return html``;
  return html`<nav class="pager" aria-label="Pages of the log">${through < total ? html`<a href="/log?through=${newer}#entries" rel="prev">Newer entries</a>` : ''}${older > 0 ? html`<a href="/log?through=${older}#entries" rel="next">Older entries</a>` : ''}</nav>`;
}
