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

/** A preview the server makes of a draft: none asked for, its answer, or why it refused. */
export type Preview<T> = { kind: 'none' } | { kind: 'shown'; preview: T } | { kind: 'refused'; problem: string };

/**
 * POSTs a draft to a preview endpoint whenever the draft (kept stable by the caller) or `refresh` changes; a null
 * draft asks nothing. Only the latest answer is kept.
 */
export function usePreview<T>(path: string, draft: object | null, refresh = 0): Preview<T> {
  const [state, setState] = useState<Preview<T>>({ kind: 'none' });
  useEffect(() => {
    if (!draft) return setState({ kind: 'none' });
    let current = true;
    api<T>('POST', path, draft).then(
      (preview) => current && setState({ kind: 'shown', preview }),
      (problem: unknown) =>
        current &&
        setState({
          kind: 'refused',
          problem: problem instanceof ApiProblem ? problem.message : 'The preview could not be loaded.',
        }),
    );
    return () => {
      current = false;
    };
  }, [path, draft, refresh]);
  return state;
}

export function LoadState({ load }: { load: Load<unknown> }) {
  if (load.state === 'failed') return <p className="alert">{load.message}</p>;
  return <p className="loading">Loading…</p>;
}

export const day = (iso: string | null | undefined): string =>
  iso
    ? new Date(iso).toLocaleDateString('en-GB', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' })
    : '—';
