import { useEffect, useState, type FormEvent } from 'react';
import type { AuditEntry, AuditPage } from '../../../src/audit/contract';
import { LoadState, useLoad } from '../load';
import { userIdIn, type People } from './adminShared';

const CATEGORIES: [value: string, label: string][] = [
  ['users', 'Users'],
  ['roles', 'Roles'],
  ['tokens', 'API tokens'],
  ['webhooks', 'Webhooks'],
  ['connectors', 'Connectors'],
  ['policies', 'Policy changes'],
  ['sign-ins', 'Sign-ins'],
  ['lockouts', 'Lockouts'],
  ['trusted-flaggers', 'Trusted flaggers'],
  ['dispute-bodies', 'Dispute settlement bodies'],
  ['message-templates', 'Message templates'],
  ['misuse-rules', 'Rules against misuse'],
];

const WHAT: Record<string, string> = {
  'user.created': 'User created',
  'user.password_changed': 'Password changed',
  'user.details_changed': 'Name or region changed',
  'user.roles_changed': 'Roles changed',
  'user.disabled': 'Account disabled',
  'user.enabled': 'Account re-enabled',
  'token.rotated': 'API token secret rotated',
  'user.locked': 'Account locked',
  'token.created': 'API token created',
  'token.revoked': 'API token revoked',
  'webhook.endpoint_set': 'Webhook endpoint set',
  'policy.published': 'Policy version published',
  'signin.succeeded': 'Signed in',
  'signin.failed': 'Sign-in refused',
  'signin.locked': 'Sign-in locked',
  'trusted_flagger.registered': 'Trusted flagger registered',
  'trusted_flagger.details_changed': 'Trusted flagger changed',
  'trusted_flagger.status_changed': 'Trusted flagger status changed',
  'trusted_flagger.key_issued': 'Trusted flagger key issued',
  'dispute_body.registered': 'Dispute settlement body registered',
  'dispute_body.updated': 'Dispute settlement body changed',
  'message_template.saved': 'Message template changed',
  'message_template.reverted': 'Message template reverted to the default',
  'misuse.rules_changed': 'Rules against misuse changed',
};

const COLUMNS = ['When', 'Who', 'What', 'Subject', 'Details'];

const NO_FILTERS = { category: '', actor: '', subject: '', from: '', to: '' };
type Filters = typeof NO_FILTERS;

const when = (iso: string) =>
  `${new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' })} UTC`;

function auditPath(filters: Filters, before: number | undefined): string {
  const query = new URLSearchParams(Object.entries(filters).filter(([, value]) => value.trim() !== ''));
  if (before !== undefined) query.set('before', String(before));
  query.set('limit', '25');
  return `/api/audit?${query.toString()}`;
}

/** Names for the ids an entry carries: people by display name, tokens by name. */
interface Names {
  people: People;
  tokenNames: ReadonlyMap<string, string>;
}

interface AuditLogProps extends Names {
  /** Raised after every change made on the page, so the log shows it without asking. */
  changes?: number;
}

/** Who acted, by display name: a user as the admin page knows them, else as the log names them. */
const actorShown = (entry: AuditEntry, { people }: Names): string =>
  people.get(userIdIn(entry.actor) ?? '') ?? entry.actorName ?? entry.actor;

/** What it was done to: a person by display name, a token by its name, else the stream as the log writes it. */
function subjectShown(entry: AuditEntry, { people, tokenNames }: Names) {
  const person = people.get(userIdIn(entry.stream) ?? '') ?? entry.subjectName;
  const token = /^token\/(.+)$/.exec(entry.stream)?.[1];
  const name = person ?? (token ? tokenNames.get(token) : undefined);
  return name ?? <code>{entry.stream}</code>;
}

/** Every administrative action on the event log, newest first, filtered by category, who, what and when. */
export function AuditLog({ changes = 0, ...names }: AuditLogProps) {
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  // The `before` cursor of each page shown so far: the last is the current page, popping goes back to newer.
  const [pages, setPages] = useState<(number | undefined)[]>([undefined]);
  const load = useLoad<AuditPage>(auditPath(filters, pages.at(-1)));
  const { reload } = load;
  useEffect(() => {
    if (changes > 0) reload();
  }, [changes, reload]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
    setPages([undefined]);
  };
  const field = (name: keyof Filters) => ({
    value: draft[name],
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [name]: e.target.value }),
  });

  return (
    <>
      <form className="filters" aria-label="Filter the audit log" onSubmit={apply}>
        <label>
          Category
          <select {...field('category')}>
            <option value="">All</option>
            {CATEGORIES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Actor
          <input {...field('actor')} placeholder="username or address" />
        </label>
        <label>
          Subject
          <input {...field('subject')} placeholder="username or user/…, token/…" />
        </label>
        <label>
          From <input type="date" {...field('from')} />
        </label>
        <label>
          To <input type="date" {...field('to')} />
        </label>
        <button type="submit">Filter</button>
      </form>
      {load.state !== 'ready' ? (
        <LoadState load={load} />
      ) : load.value.entries.length === 0 ? (
        <p className="empty">No administrative action matches.</p>
      ) : (
        <table aria-label="Audit log">
          <thead>
            <tr>
              {COLUMNS.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {load.value.entries.map((entry) => (
              <tr key={entry.seq}>
                <td>{when(entry.at)}</td>
                <td>{actorShown(entry, names)}</td>
                <td>{WHAT[entry.type] ?? entry.type}</td>
                <td>{subjectShown(entry, names)}</td>
                <td>
                  <Details payload={entry.payload} names={names} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="actions">
        <button
          type="button"
          className="secondary"
          disabled={pages.length === 1}
          onClick={() => setPages(pages.slice(0, -1))}
        >
          Newer
        </button>
        <button
          type="button"
          className="secondary"
          disabled={load.state !== 'ready' || load.value.nextBefore === null}
          onClick={() =>
            load.state === 'ready' && load.value.nextBefore !== null && setPages([...pages, load.value.nextBefore])
          }
        >
          Older
        </button>
      </div>
    </>
  );
}

/** A published policy version carries its whole text: the table shows the start, the log keeps it all. */
const shortened = (text: string) => (text.length > 160 ? `${text.slice(0, 160)}…` : text);

/** A detail as people read it: a user or a token by name rather than by id. */
function detailShown(key: string, value: unknown, { people, tokenNames }: Names): string {
  if (key === 'userId' && typeof value === 'string') return people.get(value) ?? value;
  if (key === 'tokenId' && typeof value === 'string') return tokenNames.get(value) ?? value;
  if (key === 'tokensRevoked' && Array.isArray(value))
    return value.map((id) => tokenNames.get(String(id)) ?? String(id)).join(', ') || 'none';
  return shortened(typeof value === 'string' ? value : JSON.stringify(value));
}

const DETAIL_LABELS: Record<string, string> = {
  userId: 'user',
  tokenId: 'token',
  tokensRevoked: 'tokens revoked',
  sessionsEnded: 'sessions ended',
  previousRoles: 'roles before',
};

function Details({ payload, names }: { payload: Record<string, unknown>; names: Names }) {
  return (
    <ul className="plain muted">
      {Object.entries(payload).map(([key, value]) => (
        <li key={key}>
          {DETAIL_LABELS[key] ?? key}: {detailShown(key, value, names)}
        </li>
      ))}
    </ul>
  );
}
