import { Link } from 'react-router';
import type { QueueEntry, QueuePage } from '../../../src/moderation/contract';
import { when } from './format';
import { PAGE_SIZE } from './useQueue';

const n = (value: number) => value.toLocaleString('en');

/** Who holds a claimed case and until when, so reviewers do not open a case someone else is working. */
const holderOf = (entry: QueueEntry) =>
  entry.status === 'closed'
    ? 'closed'
    : entry.claimedBy && entry.leaseExpiresAt
      ? `held by ${entry.claimedByName ?? 'another reviewer'} until ${when(entry.leaseExpiresAt)}`
      : 'waiting';

/** The cases of one page, each with the factors of its priority, where it stands, and a box to choose it. */
export function QueueTable({
  cases,
  selected,
  onSelect,
}: {
  cases: QueueEntry[];
  selected: string[];
  onSelect: (selected: string[] | ((chosen: string[]) => string[])) => void;
}) {
  const allChosen = cases.length > 0 && cases.every((c) => selected.includes(c.id));
  const toggle = (id: string) =>
    onSelect((chosen) => (chosen.includes(id) ? chosen.filter((x) => x !== id) : [...chosen, id]));
  return (
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
          <th scope="col">
            <input
              type="checkbox"
              aria-label="Select all cases on this page"
              checked={allChosen}
              onChange={() => onSelect(allChosen ? [] : cases.map((c) => c.id))}
            />
          </th>
        </tr>
      </thead>
      <tbody>
        {cases.map((entry) => (
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
            <td>
              <input
                type="checkbox"
                aria-label={`Select ${entry.subject.title}`}
                checked={selected.includes(entry.id)}
                onChange={() => toggle(entry.id)}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** "1–50 of 1,234", or "of more than 10,000" past what the server counts exactly. */
const range = (offset: number, shown: number, total: QueuePage['total']) =>
  shown === 0
    ? 'No cases match.'
    : `${n(offset + 1)}–${n(offset + shown)} of ${total.exact ? n(total.count) : `more than ${n(total.count)}`}`;

/** Where this page stands in the queue, the previous and next pages, and how deep open cases page. */
export function QueuePager({
  page,
  offset,
  onOffset,
}: {
  page: QueuePage;
  offset: number;
  onOffset: (offset: number) => void;
}) {
  return (
    <nav className="actions" aria-label="Pages">
      <p aria-live="polite" data-testid="queue-range">
        {range(offset, page.cases.length, page.total)}
      </p>
      <button
        type="button"
        className="secondary"
        disabled={offset === 0}
        onClick={() => onOffset(Math.max(0, offset - PAGE_SIZE))}
      >
        Previous page
      </button>
      <button
        type="button"
        className="secondary"
        disabled={offset + page.cases.length >= Math.min(page.total.count, page.depth)}
        onClick={() => onOffset(offset + PAGE_SIZE)}
      >
        Next page
      </button>
      {offset + PAGE_SIZE >= page.depth && page.total.count > page.depth && (
        <p className="muted">
          Open cases page through the {n(page.depth)} most urgent: narrow the filters to reach the others.
        </p>
      )}
    </nav>
  );
}
