import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { FormMessages, useSubmission } from '../forms';
import { AreaGate } from '../pages/AreaGate';
import { Key, ShortcutHelp, useShortcuts } from '../shortcuts';
import { BulkActions } from './BulkActions';
import { useNextCase } from './nextCase';
import type { PolicyVersion } from '../../../src/policy/contract';
import { QueueFilters, type SortKey } from './QueueFilters';
import { QueuePager, QueueTable } from './QueueTable';
import { NO_FILTERS, useQueue } from './useQueue';

/** The review queue: most urgent first, each case with the factors of its priority; filters, pages, and bulk actions. */
export function QueuePage() {
  const [filters, setFilters] = useState(NO_FILTERS);
  const [offset, setOffset] = useState(0);
  const [sort, setSort] = useState<SortKey>('priority');
  const { page, error, load, selected, setSelected } = useQueue(filters, offset);
  const [policies, setPolicies] = useState<PolicyVersion[]>([]);
  const claiming = useSubmission();
  const claimNext = useNextCase(claiming, { level: filters.level });
  useShortcuts([{ key: 'n', label: 'Claim the next case and open it', run: () => void claimNext() }]);
  useEffect(() => {
    api<{ policies: PolicyVersion[] }>('GET', '/api/policies').then(
      (r) => setPolicies(r.policies),
      () => setPolicies([]),
    );
  }, []);

  const filter = (change: Partial<typeof NO_FILTERS>) => {
    setFilters((current) => ({ ...current, ...change }));
    setOffset(0);
  };

  const cases = page?.cases ?? null;
  const sorted = cases
    ? [...cases].sort((a, b) => (sort === 'openedAt' ? a.openedAt.localeCompare(b.openedAt) : b[sort] - a[sort]))
    : null;

  return (
    <AreaGate area="queue">
      <section>
        <div className="page-head">
          <h1>Queue</h1>
          <div className="actions">
            <Link to="/console/queue/appeals">Appeals</Link>
            <ShortcutHelp />
            <button type="button" onClick={() => void claimNext()} disabled={claiming.busy} aria-keyshortcuts="n">
              Claim next case <Key name="n" />
            </button>
          </div>
        </div>
        <FormMessages submission={claiming} />
        <QueueFilters
          filters={filters}
          filter={filter}
          holders={page?.holders}
          policies={policies}
          sort={sort}
          onSort={setSort}
        />
        {error && (
          <p role="alert" className="alert">
            {error}
          </p>
        )}
        <BulkActions
          selected={selected}
          policies={policies}
          onDone={() => {
            setSelected([]);
            void load();
          }}
        />
        {!sorted || !page ? (
          <p className="loading">Loading…</p>
        ) : sorted.length === 0 ? (
          <p className="empty">
            {filters.status === 'open' && filters.holder === 'anyone' && offset === 0
              ? 'No cases waiting. Reports pushed by platforms are grouped into cases and appear here, highest risk first.'
              : 'No cases match these filters.'}
          </p>
        ) : (
          <QueueTable cases={sorted} selected={selected} onSelect={setSelected} />
        )}
        {page && <QueuePager page={page} offset={offset} onOffset={setOffset} />}
      </section>
    </AreaGate>
  );
}
