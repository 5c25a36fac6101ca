import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, ApiProblem } from '../api';
import { AreaGate } from '../pages/AreaGate';
import { when, type CaseDetail, type Policy, type QueueEntry } from './types';

type SortKey = 'priority' | 'reportCount' | 'openedAt';

/** Who holds a claimed case and until when, so reviewers do not open a case someone else is working. */
const holderOf = (entry: QueueEntry) =>
  entry.claimedBy && entry.leaseExpiresAt ? `held by ${entry.claimedByName ?? 'another reviewer'} until ${when(entry.leaseExpiresAt)}` : 'waiting';

/** The review queue: most urgent first, each case with the factors of its priority. */
export function QueuePage() {
  const navigate = useNavigate();
  const [filters, setFilters] = useState({ country: '', language: '', level: '', policyId: '' });
  const [sort, setSort] = useState<SortKey>('priority');
  const [cases, setCases] = useState<QueueEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [policies, setPolicies] = useState<Policy[]>([]);
  useEffect(() => {
    api<{ policies: Policy[] }>('GET', '/api/policies').then((r) => setPolicies(r.policies), () => setPolicies([]));
  }, []);

  // Filters change with every keystroke: only the answer to the latest request may replace the list, and a
  // country is sent only once it is a full three-letter code.
  const latestRequest = useRef(0);
  const load = useCallback(async () => {
    const request = ++latestRequest.current;
    const query = new URLSearchParams(
      Object.entries(filters).filter(([key, value]) => value !== '' && (key !== 'country' || value.length === 3)),
    ).toString();
    try {
      const answer = await api<{ cases: QueueEntry[] }>('GET', `/api/queue${query ? `?${query}` : ''}`);
      if (request !== latestRequest.current) return;
      setCases(answer.cases);
      setError(null);
    } catch (problem) {
      if (request !== latestRequest.current) return;
      setError(problem instanceof ApiProblem ? problem.message : 'The server could not be reached.');
    }
  }, [filters]);

  useEffect(() => {
    void load();
  }, [load]);

  const claimNext = async () => {
    try {
      const detail = await api<CaseDetail>('POST', '/api/queue/claim', filters.level ? { level: filters.level } : {});
      navigate(`/console/queue/cases/${detail.case.id}`);
    } catch (problem) {
      setError(problem instanceof ApiProblem ? problem.message : 'The server could not be reached.');
    }
  };

  const sorted = cases ? [...cases].sort((a, b) => (sort === 'openedAt' ? a.openedAt.localeCompare(b.openedAt) : b[sort] - a[sort])) : null;

  return (
    <AreaGate area="queue">
      <section>
        <div className="page-head">
          <h1>Queue</h1>
          <div className="actions">
            <Link to="/console/queue/appeals">Appeals</Link>
            <button type="button" onClick={claimNext}>
              Claim next case
            </button>
          </div>
        </div>
        <form className="filters" aria-label="Filter the queue" onSubmit={(e) => e.preventDefault()}>
          <label>
            Country
            <input value={filters.country} placeholder="e.g. KEN" maxLength={3} onChange={(e) => setFilters({ ...filters, country: e.target.value.toUpperCase() })} />
          </label>
          <label>
            Language
            <input value={filters.language} placeholder="e.g. en" onChange={(e) => setFilters({ ...filters, language: e.target.value })} />
          </label>
          <label>
            Policy
            <select value={filters.policyId} onChange={(e) => setFilters({ ...filters, policyId: e.target.value })}>
              <option value="">Any</option>
              {policies.map((policy) => (
                <option key={policy.policyId} value={policy.policyId}>
                  {policy.title}
                </option>
              ))}
            </select>
          </label>
          <label>
            Level
            <select value={filters.level} onChange={(e) => setFilters({ ...filters, level: e.target.value })}>
              <option value="">All I work</option>
              <option value="frontline">Frontline</option>
              <option value="senior">Senior</option>
              <option value="policy">Policy</option>
            </select>
          </label>
          <label>
            Sort by
            <select value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
              <option value="priority">Priority</option>
              <option value="reportCount">Reports</option>
              <option value="openedAt">Waiting longest</option>
            </select>
          </label>
        </form>
        {error && <p role="alert" className="alert">{error}</p>}
        {!sorted ? (
          <p className="loading">Loading…</p>
        ) : sorted.length === 0 ? (
          <p className="empty">No cases waiting. Reports pushed by platforms are grouped into cases and appear here, highest risk first.</p>
        ) : (
          <table aria-label="Cases">
            <thead>
              <tr>
                <th scope="col">Priority</th>
                <th scope="col">Subject</th>
                <th scope="col">Why</th>
                <th scope="col">Reports</th>
                <th scope="col">Place</th>
                <th scope="col">Level</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((entry) => (
                <tr key={entry.id}>
                  <td className="num">{entry.priority.toFixed(2)}</td>
                  <td>
                    <Link to={`/console/queue/cases/${entry.id}`}>{entry.subject.title}</Link>
                    <div className="muted">{entry.policiesAlleged.join(', ')}</div>
                  </td>
                  <td>
                    <ul className="chips">
                      {entry.priorityFactors.map((f) => (
                        <li key={f.factor} title={f.detail}>
                          {f.factor} ×{f.value}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className="num">{entry.reportCount}</td>
                  <td>
                    {entry.country ?? '—'} · {entry.language ?? '—'}
                  </td>
                  <td>{entry.level}</td>
                  <td>{holderOf(entry)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </AreaGate>
  );
}
