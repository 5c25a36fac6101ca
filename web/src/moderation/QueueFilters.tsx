import type { QueuePage } from '../../../src/moderation/contract';
import type { PolicyVersion } from '../../../src/policy/contract';
import type { QueueFilters as Filters } from './useQueue';

export type SortKey = 'priority' | 'reportCount' | 'openedAt';

/** The queue's filters (status, holder, dates, place, policy, level) and how this page is sorted. */
export function QueueFilters({
  filters,
  filter,
  holders,
  policies,
  sort,
  onSort,
}: {
  filters: Filters;
  filter: (change: Partial<Filters>) => void;
  holders: QueuePage['holders'] | undefined;
  policies: PolicyVersion[];
  sort: SortKey;
  onSort: (sort: SortKey) => void;
}) {
  return (
    <form className="filters" aria-label="Filter the queue" onSubmit={(e) => e.preventDefault()}>
      <label>
        Status
        <select value={filters.status} onChange={(e) => filter({ status: e.target.value })}>
          <option value="open">Open</option>
          <option value="claimed">Claimed</option>
          <option value="closed">Closed</option>
        </select>
      </label>
      <label>
        Held by
        <select
          value={filters.holder}
          disabled={filters.status === 'closed'}
          onChange={(e) => filter({ holder: e.target.value })}
        >
          <option value="anyone">Anyone or no one</option>
          <option value="me">Me</option>
          <option value="unclaimed">No one (waiting)</option>
          {holders?.map((h) => (
            <option key={h.id} value={h.id}>
              {h.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Reported from
        <input type="date" value={filters.reportedFrom} onChange={(e) => filter({ reportedFrom: e.target.value })} />
      </label>
      <label>
        Reported to
        <input type="date" value={filters.reportedTo} onChange={(e) => filter({ reportedTo: e.target.value })} />
      </label>
      <label>
        Country
        <input
          value={filters.country}
          placeholder="e.g. KEN"
          maxLength={3}
          onChange={(e) => filter({ country: e.target.value.toUpperCase() })}
        />
      </label>
      <label>
        Language
        <input value={filters.language} placeholder="e.g. en" onChange={(e) => filter({ language: e.target.value })} />
      </label>
      <label>
        Policy
        <select value={filters.policyId} onChange={(e) => filter({ policyId: e.target.value })}>
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
        <select value={filters.level} onChange={(e) => filter({ level: e.target.value })}>
          <option value="">All I work</option>
          <option value="frontline">Frontline</option>
          <option value="senior">Senior</option>
          <option value="policy">Policy</option>
        </select>
      </label>
      <label>
        Sort this page by
        <select value={sort} onChange={(e) => onSort(e.target.value as SortKey)}>
          <option value="priority">Priority</option>
          <option value="reportCount">Reports</option>
          <option value="openedAt">Waiting longest</option>
        </select>
      </label>
    </form>
  );
}
