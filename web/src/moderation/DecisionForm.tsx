import { useMemo, useRef, useState } from 'react';
import { Field, FieldsOf, FormMessages } from '../forms';
import { TemplatePicker } from './NoticeTemplates';
import { Key } from '../shortcuts';
import type { DecisionResult } from '../../../src/moderation/contract';
import { AccountActionFields, BalancingFields, OutcomeChoice, PolicyFields } from './DecisionFields';
import { GroundFields } from './GroundFields';
import { Consequences, StatementPreview } from './DecisionPreview';
import {
  decisionDraft,
  useDecisionKeys,
  useDecisionPreview,
  useNewsworthinessAdvice,
  actsOnContent,
  usePolicies,
  useRecordDecision,
  useSection,
  type AccountChoice,
  type BalancingChoice,
  type GroundChoice,
  TERMS_GROUND,
} from './useDecision';

const NO_BALANCING: BalancingChoice = { publicInterest: [], harms: [], assessment: '', warningScreen: false };

/** The decision form: policy and section, an allowed outcome, facts, and a preview of the statement of reasons. */
export function DecisionForm({
  caseId,
  reported,
  mayKeepNewsworthy,
  needsWarningScreen,
  onDecided,
}: {
  caseId: string;
  reported: { policyId: string; sectionId: string | null } | null;
  mayKeepNewsworthy: boolean;
  needsWarningScreen: boolean;
  onDecided: (result: DecisionResult) => void;
}) {
  const { policies, error } = usePolicies();
  const [policyId, setPolicyId] = useState(reported?.policyId ?? '');
  const policy = policies.find((p) => p.policyId === policyId);
  const { section, setSectionId } = useSection(policy, reported);
  const [outcome, setOutcome] = useState('');
  const [action, setAction] = useState<AccountChoice>({ kind: '', days: 30 });
  const [facts, setFacts] = useState('');
  const [scope, setScope] = useState('WORLD');
  const [balancing, setBalancing] = useState(NO_BALANCING);
  const [ground, setGround] = useState<GroundChoice>(TERMS_GROUND);
  const illegal = ground.kind === 'illegal' && actsOnContent(outcome);
  const advice = useNewsworthinessAdvice(
    caseId,
    outcome === 'keep_newsworthy',
    balancing.publicInterest,
    balancing.harms,
  );

  // The body of the decision, as drafted: the preview and the decision send the same.
  const draft = useMemo(
    () => decisionDraft({ policyId, sectionId: section?.id, outcome, scope, action, balancing, ground }),
    [policyId, section?.id, outcome, scope, action, balancing, ground],
  );
  const preview = useDecisionPreview(caseId, outcome && section ? draft : null);
  const { submission, record } = useRecordDecision(caseId, onDecided);

  const form = useRef<HTMLFormElement>(null);
  const mayPick = (o: string) => o !== 'keep_newsworthy' || mayKeepNewsworthy;
  useDecisionKeys(section?.allowedOutcomes ?? [], mayPick, setOutcome, form);

  return (
    <form
      ref={form}
      className="panel wide"
      aria-label="Decision"
      onSubmit={(event) => {
        event.preventDefault();
        void record({ ...draft, facts });
      }}
      noValidate
    >
      <h2>Decide</h2>
      <FieldsOf submission={submission}>
        <PolicyFields
          policies={policies}
          policyId={policyId}
          onPolicy={setPolicyId}
          policy={policy}
          section={section}
          onSection={setSectionId}
        />
        {section && <OutcomeChoice section={section} outcome={outcome} mayPick={mayPick} onPick={setOutcome} />}
        {outcome === 'keep_newsworthy' && (
          <BalancingFields
            balancing={balancing}
            onChange={setBalancing}
            advice={advice}
            needsWarningScreen={needsWarningScreen}
          />
        )}
        <GroundFields ground={ground} onChange={setGround} section={section} acting={actsOnContent(outcome)} />
        <AccountActionFields action={action} onChange={setAction} outcome={outcome} />
        <TemplatePicker policyId={policyId} sectionId={section?.id} onPick={setFacts} />
        <Field
          label="Statement of facts relied on"
          name="/facts"
          hint="The facts and circumstances the decision rests on; the user reads them in the notice."
        >
          {(props) => <textarea {...props} value={facts} onChange={(e) => setFacts(e.target.value)} rows={4} />}
        </Field>
        {!illegal && (
          <Field label="Territorial scope" name="/territorialScope" hint="ISO 3166 alpha-3 codes, or WORLD">
            {(props) => <input {...props} value={scope} onChange={(e) => setScope(e.target.value.toUpperCase())} />}
          </Field>
        )}
      </FieldsOf>
      <StatementPreview
        outcome={outcome}
        policy={policy}
        section={section}
        facts={facts}
        legalGround={illegal ? ground : null}
      />
      <Consequences preview={preview} />
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      <FormMessages submission={submission} />
      <button type="submit" disabled={!outcome || !section || submission.busy}>
        Record decision <Key name="s" />
      </button>
    </form>
  );
}
