import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { api } from '../api';
import { problemText } from '../load';
import { useSubmission, type Submission } from '../forms';
import type { CaseView } from '../../../src/moderation/contract';

/** One case as the server shows it to this reviewer, loaded again after every action taken on it. */
export interface CaseState {
  detail: CaseView | null;
  /** The last load or action that failed, in words. */
  error: string | null;
  load(): Promise<void>;
  /** Posts an action on the case (`claim`, `release`) and loads it again. */
  act(path: string, body?: unknown): Promise<void>;
}

export function useCase(id: string): CaseState {
  const [detail, setDetail] = useState<CaseView | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setDetail(await api<CaseView>('GET', `/api/cases/${id}`));
    } catch (problem) {
      setError(problemText(problem));
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (path: string, body?: unknown) => {
    setError(null);
    try {
      await api('POST', `/api/cases/${id}/${path}`, body);
      await load();
    } catch (problem) {
      setError(problemText(problem));
    }
  };
  return { detail, error, load, act };
}

/** The escalation being written: its note, the field it is written in (a key focuses it), and the sending. */
export interface Escalation {
  note: string;
  setNote(note: string): void;
  field: RefObject<HTMLTextAreaElement | null>;
  submission: Submission;
  /** Sends the case up a level and loads it again. */
  send(to: 'senior' | 'policy'): void;
}

export function useEscalation(id: string, load: () => Promise<void>): Escalation {
  const [note, setNote] = useState('');
  const submission = useSubmission();
  const field = useRef<HTMLTextAreaElement>(null);
  const send = (to: 'senior' | 'policy') =>
    void submission.run(
      async () => {
        await api('POST', `/api/cases/${id}/escalate`, { to, note });
        setNote('');
        await load();
        return to;
      },
      `Case sent to ${to === 'senior' ? 'senior reviewers' : 'policy staff'}.`,
    );
  return { note, setNote, field, submission, send };
}
