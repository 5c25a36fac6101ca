import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { AreaGate } from '../pages/AreaGate';
import { DecisionForm } from './DecisionForm';
import { CaseNotes } from './CaseNotes';
import { FormMessages } from '../forms';
import type { DecisionResult } from '../../../src/moderation/contract';
import { mostReported } from './format';
import { useCase, useEscalation } from './useCase';
import { CaseHeader, DecisionRecorded } from './CaseHeader';
import { CaseFacts } from './CaseFacts';
import { CaseDecisions, CaseHistory, CaseReports } from './CaseRecord';
import { EscalateForm } from './EscalateForm';

/** One case: the subject in its context, every report, the history, and the actions this reviewer may take. */
export function CasePage() {
  const { id = '' } = useParams();
  const { detail, error, load, act } = useCase(id);
  const [outcome, setOutcome] = useState<DecisionResult | null>(null);
  const escalation = useEscalation(id, load);
  // "Next case" opens another case on this page: what was said about the last one goes.
  useEffect(() => setOutcome(null), [id]);

  if (!detail)
    return (
      <AreaGate area="queue">
        {error ? (
          <p role="alert" className="alert">
            {error}
          </p>
        ) : (
          <p className="loading">Loading…</p>
        )}
      </AreaGate>
    );
  const { case: c, permissions } = detail;
  return (
    <AreaGate area="queue">
      <section className="case">
        <CaseHeader detail={detail} act={act} onEscalate={() => escalation.field.current?.focus()} />
        {error && (
          <p role="alert" className="alert">
            {error}
          </p>
        )}
        <FormMessages submission={escalation.submission} />
        {outcome && <DecisionRecorded result={outcome} />}

        <CaseFacts detail={detail} />
        <CaseReports reports={detail.reports} />
        <CaseDecisions decisions={detail.decisions} notices={detail.notices} />

        {permissions.decide && (
          <>
            <DecisionForm
              caseId={c.id}
              reported={mostReported(detail.reports)}
              mayKeepNewsworthy={permissions.keepNewsworthy}
              needsWarningScreen={detail.newsworthyNeedsWarningScreen}
              onDecided={(result) => {
                setOutcome(result);
                void load();
              }}
            />
            {permissions.escalate && <EscalateForm level={c.level} escalation={escalation} />}
          </>
        )}

        <CaseNotes caseId={c.id} />
        <CaseHistory history={detail.history} />
      </section>
    </AreaGate>
  );
}
