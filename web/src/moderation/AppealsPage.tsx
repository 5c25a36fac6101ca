import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, ApiProblem } from '../api';
import { AreaGate } from '../pages/AreaGate';
import { OUTCOME_LABELS, when } from './types';

interface PendingAppeal {
  id: string;
  appellant: 'affected_user' | 'reporter';
  statement: string;
  filedAt: string;
  decision: { id: string; caseId: string; outcome: string; policyId: string; sectionId: string; decidedAt: string };
  mayDecide: boolean;
}

/** Internal appeals waiting for a reviewer other than the one who decided. */
export function AppealsPage() {
  const [appeals, setAppeals] = useState<PendingAppeal[] | null>(null);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setAppeals((await api<{ appeals: PendingAppeal[] }>('GET', '/api/appeals')).appeals);
    } catch (problem) {
      setError(problem instanceof ApiProblem ? problem.message : 'The server could not be reached.');
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const decide = async (appeal: PendingAppeal, result: 'upheld' | 'reversed') => {
    setError(null);
    try {
      await api('POST', `/api/appeals/${appeal.id}/decision`, { result, reason: reasons[appeal.id] ?? '' });
      await load();
    } catch (problem) {
      setError(problem instanceof ApiProblem ? problem.message : 'The server could not be reached.');
    }
  };

  return (
    <AreaGate area="queue">
      <section>
        <p>
          <Link to="/console/queue">← Queue</Link>
        </p>
        <h1>Appeals</h1>
        {error && <p role="alert" className="alert">{error}</p>}
        {!appeals ? (
          <p className="loading">Loading…</p>
        ) : appeals.length === 0 ? (
          <p className="empty">No appeals are waiting.</p>
        ) : (
          appeals.map((appeal) => (
            <article className="card" key={appeal.id} aria-label="Appeal">
              <p>
                <strong>{appeal.appellant === 'reporter' ? 'Reporter' : 'Affected user'}</strong> appeals{' '}
                <Link to={`/console/queue/cases/${appeal.decision.caseId}`}>
                  {OUTCOME_LABELS[appeal.decision.outcome] ?? appeal.decision.outcome} under {appeal.decision.policyId}/{appeal.decision.sectionId}
                </Link>{' '}
                ({when(appeal.decision.decidedAt)}), filed {when(appeal.filedAt)}
              </p>
              <blockquote>{appeal.statement}</blockquote>
              {appeal.mayDecide ? (
                <div className="appeal-actions">
                  <label>
                    Reason
                    <textarea rows={2} value={reasons[appeal.id] ?? ''} onChange={(e) => setReasons({ ...reasons, [appeal.id]: e.target.value })} />
                  </label>
                  <button type="button" onClick={() => decide(appeal, 'upheld')}>Uphold</button>
                  <button type="button" className="secondary" onClick={() => decide(appeal, 'reversed')}>Reverse</button>
                </div>
              ) : (
                <p className="muted">You took the original decision; another reviewer decides this appeal.</p>
              )}
            </article>
          ))
        )}
      </section>
    </AreaGate>
  );
}
