import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api';
import { problemText } from '../load';
import type { QueuePage } from '../../../src/moderation/contract';

export const PAGE_SIZE = 50;
export const NO_FILTERS = {
  status: 'open',
  holder: 'anyone',
  reportedFrom: '',
  reportedTo: '',
  country: '',
  language: '',
  level: '',
  policyId: '',
};
export type QueueFilters = typeof NO_FILTERS;

/**
 * One page of the queue under these filters, and the cases chosen on it (a case that leaves the page leaves the
 * choice). Filters change with every keystroke: only the answer to the latest request may replace the list, and a
 * country is sent only once it is a full three-letter code.
 */
export function useQueue(filters: QueueFilters, offset: number) {
  const [page, setPage] = useState<QueuePage | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const latestRequest = useRef(0);
  const load = useCallback(async () => {
    const request = ++latestRequest.current;
    const query = new URLSearchParams(
      Object.entries({ ...filters, limit: String(PAGE_SIZE), offset: String(offset) }).filter(
        ([key, value]) => value !== '' && (key !== 'country' || value.length === 3),
      ),
    ).toString();
    try {
      const answer = await api<QueuePage>('GET', `/api/queue?${query}`);
      if (request !== latestRequest.current) return;
      setPage(answer);
      setSelected((chosen) => chosen.filter((id) => answer.cases.some((c) => c.id === id)));
      setError(null);
    } catch (problem) {
      if (request !== latestRequest.current) return;
      setError(problemText(problem));
    }
  }, [filters, offset]);

  useEffect(() => {
    void load();
  }, [load]);
  return { page, error, load, selected, setSelected };
}
