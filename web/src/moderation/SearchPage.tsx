import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { Field, FieldsOf, FormMessages, useSubmission } from '../forms';
import { countryOf } from '../names';
import { AreaGate } from '../pages/AreaGate';
import { accountPath } from './AccountPage';
import type { SearchResult, SearchResults } from '../../../src/moderation/contract';
import { when } from './format';

const PAGE = 25;

/** Find content and accounts by external id, author or words, and open their case or account history. */
export function SearchPage() {
  const [q, setQ] = useState('');
  const [kind, setKind] = useState('');
  const [results, setResults] = useState<SearchResult[] | null>(null);
  const [nextAfter, setNextAfter] = useState<string | null>(null);
  const submission = useSubmission();

  const fetchPage = (after?: string) =>
    api<SearchResults>(
      'GET',
      `/api/search?${new URLSearchParams({ q, limit: String(PAGE), ...(kind ? { kind } : {}), ...(after ? { after } : {}) })}`,
    );
  const found = (page: SearchResults, total: number) =>
    `${total} found${page.nextAfter ? ' so far; there are more' : ''}.`;

  const search = async (event: FormEvent) => {
    event.preventDefault();
    const page = await submission.run(
      () => fetchPage(),
      (p) => found(p, p.results.length),
    );
    if (!page) return;
    setResults(page.results);
    setNextAfter(page.nextAfter);
  };
  const more = async () => {
    if (!nextAfter) return;
    const page = await submission.run(
      () => fetchPage(nextAfter),
      (p) => found(p, (results?.length ?? 0) + p.results.length),
    );
    if (!page) return;
    setResults([...(results ?? []), ...page.results]);
    setNextAfter(page.nextAfter);
  };

  return (
    <AreaGate area="queue">
      <section>
        <h1>Search</h1>
        <form aria-label="Search" role="search" onSubmit={search} className="inline-form" noValidate>
          <FieldsOf submission={submission}>
            <Field
              label="Search for"
              name="/q"
              hint="The beginning of an external id or author id as the platform writes it, or words of the title or text."
            >
              {(props) => <input {...props} type="search" value={q} onChange={(e) => setQ(e.target.value)} />}
            </Field>
            <Field label="Kind" name="/kind">
              {(props) => (
                <select {...props} value={kind} onChange={(e) => setKind(e.target.value)}>
                  <option value="">Content and accounts</option>
                  <option value="content">Content</option>
                  <option value="account">Accounts</option>
                </select>
              )}
            </Field>
          </FieldsOf>
          <button type="submit" disabled={submission.busy}>
            Search
          </button>
          <FormMessages submission={submission} />
        </form>
        {results && results.length === 0 && <p className="empty">Nothing matches.</p>}
        {results && results.length > 0 && (
          <ul aria-label="Results" className="plain">
            {results.map((r) => {
              const account = r.kind === 'account' ? r.externalId : r.authorExternalId;
              return (
                <li key={r.id} className="card">
                  <strong>{r.title ?? r.excerpt ?? r.externalId}</strong>
                  {r.title && r.excerpt && <p>{r.excerpt}</p>}
                  <p className="muted">
                    {r.kind === 'account' ? 'Account' : (r.contentType ?? 'content')} {r.externalId} on {r.platform}
                    {r.kind === 'content' && r.authorExternalId ? ` · by ${r.authorExternalId}` : ''} ·{' '}
                    {countryOf(r.country)} · received {when(r.registeredAt)}
                  </p>
                  <p>
                    {r.latestCaseId && <Link to={`/console/queue/cases/${r.latestCaseId}`}>Open its latest case</Link>}
                    {r.latestCaseId && account && ' · '}
                    {account && <Link to={accountPath(r.platform, account)}>Account history of {account}</Link>}
                  </p>
                </li>
              );
            })}
          </ul>
        )}
        {nextAfter && (
          <button type="button" className="secondary" onClick={more} disabled={submission.busy}>
            More results
          </button>
        )}
      </section>
    </AreaGate>
  );
}
