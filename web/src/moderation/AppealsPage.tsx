import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, ApiProblem } from '../api';
import { Field, FieldsOf, FormMessages, useSubmission } from '../forms';
import { AreaGate } from '../pages/AreaGate';
import type { PendingAppeal } from '../../../src/moderation/contract';
import { OUTCOME_LABELS, when } from './format';

/** Internal appeals waiting for a reviewer other than the one who decided. */
export function AppealsPage() {
  const [appeals, setAppeals] = useState<PendingAppeal[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [decided, setDecided] = useState<string | null>(null);

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

  return (
    <AreaGate area="queue">
      <section>
        <p>
          <Link to="/console/queue">← Queue</Link>
        </p>
        <h1>Appeals</h1>
        {error && (
          <p role="alert" className="alert">
            {error}
          </p>
        )}
        {decided && (
          <p role="status" className="status">
            {decided}
          </p>
        )}
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
                  {OUTCOME_LABELS[appeal.decision.outcome] ?? appeal.decision.outcome} under {appeal.decision.policyId}/
                  {appeal.decision.sectionId}
                </Link>{' '}
                ({when(appeal.decision.decidedAt)}), filed {when(appeal.filedAt)}
              </p>
              <blockquote>{appeal.statement}</blockquote>
              {appeal.mayDecide ? (
                <AppealDecision
                  appeal={appeal}
                  onDecided={async (message) => {
                    setDecided(message);
                    await load();
                  }}
                />
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

/** The reviewer's answer to one appeal: a reason, then uphold or reverse. A problem shows under the reason. */
function AppealDecision({
  appeal,
  onDecided,
}: {
  appeal: PendingAppeal;
  onDecided: (message: string) => Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const submission = useSubmission();
  const decide = async (result: 'upheld' | 'reversed') => {
    const message =
      result === 'upheld'
        ? 'Appeal decided: the decision is upheld.'
        : 'Appeal decided: the decision is reversed, with its strike and restrictions.';
    const done = await submission.run(
      () => api('POST', `/api/appeals/${appeal.id}/decision`, { result, reason }).then(() => true),
      message,
    );
    if (done) await onDecided(message);
  };
  return (
    <form className="appeal-actions" aria-label="Decide the appeal" noValidate onSubmit={(e) => e.preventDefault()}>
      <FormMessages submission={submission} />
      <FieldsOf submission={submission}>
        <Field label="Reason" name="/reason">
          {(props) => <textarea {...props} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
      </FieldsOf>
      <button type="button" disabled={submission.busy} onClick={() => decide('upheld')}>
        Uphold
      </button>
      <button type="button" className="secondary" disabled={submission.busy} onClick={() => decide('reversed')}>
        Reverse
      </button>
    </form>
  );
}
