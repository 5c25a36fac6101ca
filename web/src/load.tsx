import { useCallback, useEffect, useState } from 'react';
import { api, ApiProblem } from './api';

export type Load<T> = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; value: T };

export const problemText = (problem: unknown): string =>
  problem instanceof ApiProblem ? problem.message : 'The server could not be reached.';

/** Loads a GET endpoint and reloads on demand (after a change); a late answer to an older request is dropped. */
export function useLoad<T>(path: string): Load<T> & { reload: () => void } {
  const [load, setLoad] = useState<Load<T>>({ state: 'loading' });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let current = true;
    api<T>('GET', path).then(
      (value) => current && setLoad({ state: 'ready', value }),
      (error: unknown) => current && setLoad({ state: 'failed', message: problemText(error) }),
    );
    return () => {
      current = false;
    };
  }, [path, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { ...load, reload };
}

export function LoadState({ load }: { load: Load<unknown> }) {
  if (load.state === 'failed') return <p className="alert">{load.message}</p>;
  return <p className="loading">Loading…</p>;
}

export const day = (iso: string | null | undefined): string =>
  iso
    ? new Date(iso).toLocaleDateString('en-GB', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' })
    : '—';
