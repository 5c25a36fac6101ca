import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { api, ApiProblem } from '../api';
import { Field, FieldsOf, FormMessages, useSubmission } from '../forms';
import { TemplatePicker } from './NoticeTemplates';
import { Key, useShortcuts } from '../shortcuts';
import type { DecisionPreview, DecisionResult, NewsworthinessAdvice } from '../../../src/moderation/contract';
import type { PolicyVersion } from '../../../src/policy/contract';
import { OUTCOME_LABELS } from './format';

const ACCOUNT_ACTIONS = [
  ['', 'None beyond what the outcome brings'],
  ['strike', 'Strike'],
  ['feature_limit', 'Limit features (30 days)'],
  ['restrict_account', 'Restrict the account for…'],
  ['suspend_account', 'Suspend the account for…'],
  ['disable_account', 'Disable the account'],
] as const;
const PUBLIC_INTEREST = ['political_speech', 'leader_accountability', 'elections', 'press_freedom'];
const HARMS = [
  'imminent_violence',
  'threat_to_identifiable_people',
  'speaker_reach_and_power',
  'country_risk_designation',
];

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
  const [policies, setPolicies] = useState<PolicyVersion[]>([]);
  const [policyId, setPolicyId] = useState(reported?.policyId ?? '');
  const [sectionId, setSectionId] = useState('');
  const [outcome, setOutcome] = useState('');
  const [action, setAction] = useState('');
  const [days, setDays] = useState(30);
  const [facts, setFacts] = useState('');
  const [scope, setScope] = useState('WORLD');
  const [interest, setInterest] = useState<string[]>([]);
  const [harms, setHarms] = useState<string[]>([]);
  const [assessment, setAssessment] = useState('');
  const [warningScreen, setWarningScreen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submission = useSubmission();
  const [advice, setAdvice] = useState<NewsworthinessAdvice | null>(null);

  useEffect(() => {
    api<{ policies: PolicyVersion[] }>('GET', '/api/policies').then(
      (r) => setPolicies(r.policies),
      () => setError('The policy library could not be loaded.'),
    );
  }, []);
  // The balancing's recommendation comes from the server's rule, for this case's designation, author and policy.
  useEffect(() => {
    if (outcome !== 'keep_newsworthy') return;
    let current = true;
    api<NewsworthinessAdvice>('POST', `/api/cases/${caseId}/newsworthiness`, { publicInterest: interest, harms }).then(
      (answer) => current && setAdvice(answer),
      () => current && setAdvice(null),
    );
    return () => {
      current = false;
    };
  }, [caseId, outcome, interest, harms]);
  const policy = policies.find((p) => p.policyId === policyId);
  const section = policy?.sections.find((s) => s.id === sectionId) ?? policy?.sections[0];
  // The section the reports named, when the policy is the one they named; otherwise the policy's first.
  useEffect(() => {
    const named =
      policy?.policyId === reported?.policyId ? policy?.sections.find((s) => s.id === reported?.sectionId) : undefined;
    setSectionId(named?.id ?? policy?.sections[0]?.id ?? '');
  }, [policy, reported?.policyId, reported?.sectionId]);

  const appealUntil = useMemo(() => {
    const date = new Date();
    date.setUTCMonth(date.getUTCMonth() + 6);
    return date.toISOString().slice(0, 10);
  }, []);

  // The body of the decision, as drafted: the preview and the decision send the same.
  const draft = useMemo(
    () => ({
      policyId,
      sectionId: section?.id,
      outcome,
      territorialScope: scope.split(/[\s,]+/).filter(Boolean),
      ...(action
        ? {
            accountAction: {
              kind: action,
              ...(action === 'restrict_account' || action === 'suspend_account' ? { days } : {}),
            },
          }
        : {}),
      ...(outcome === 'keep_newsworthy' ? { balancing: { publicInterest: interest, harms, assessment } } : {}),
      ...(warningScreen && (outcome === 'keep_newsworthy' || outcome === 'no_violation')
        ? { warningScreen: true }
        : {}),
    }),
    [policyId, section?.id, outcome, scope, action, days, interest, harms, assessment, warningScreen],
  );
  const preview = useDecisionPreview(caseId, outcome && section ? draft : null);

  // Keys: 1 to 9 pick the section's outcomes in the order shown; s records the decision (the form checks it first).
  const form = useRef<HTMLFormElement>(null);
  const mayPick = (o: string) => o !== 'keep_newsworthy' || mayKeepNewsworthy;
  useShortcuts([
    ...(section?.allowedOutcomes ?? [])
      .slice(0, 9)
      .flatMap((o, i) =>
        mayPick(o)
          ? [{ key: String(i + 1), label: `Outcome: ${OUTCOME_LABELS[o] ?? o}`, run: () => setOutcome(o) }]
          : [],
      ),
    { key: 's', label: 'Record the decision', run: () => form.current?.requestSubmit() },
  ]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // The case page confirms the decision with all it brought (the form closes with the case), so no second message here.
    const result = await submission.run(
      () => api<DecisionResult>('POST', `/api/cases/${caseId}/decision`, { ...draft, facts }),
      '',
    );
    if (result) onDecided(result);
  };

  const toggle = (list: string[], value: string) =>
    list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

  return (
    <form ref={form} className="panel wide" aria-label="Decision" onSubmit={submit} noValidate>
      <h2>Decide</h2>
      <FieldsOf submission={submission}>
        <Field label="Policy" name="/policyId">
          {(props) => (
            <select {...props} value={policyId} onChange={(e) => setPolicyId(e.target.value)}>
              <option value="">Choose a policy</option>
              {policies.map((p) => (
                <option key={p.policyId} value={p.policyId}>
                  {p.title} (v{p.version})
                </option>
              ))}
            </select>
          )}
        </Field>
        {policy && (
          <Field label="Section" name="/sectionId">
            {(props) => (
              <select {...props} value={section?.id ?? ''} onChange={(e) => setSectionId(e.target.value)}>
                {policy.sections.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.title} (severity {s.severity}
                    {s.severe ? ', severe' : ''})
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {section && (
          <fieldset>
            <legend>Outcome</legend>
            {section.allowedOutcomes.map((o, i) => (
              <label key={o} className="inline">
                <input
                  type="radio"
                  name="outcome"
                  value={o}
                  checked={outcome === o}
                  disabled={o === 'keep_newsworthy' && !mayKeepNewsworthy}
                  onChange={() => setOutcome(o)}
                />
                {OUTCOME_LABELS[o] ?? o} {i < 9 && mayPick(o) && <Key name={String(i + 1)} />}
                {o === 'keep_newsworthy' && !mayKeepNewsworthy ? ' (senior reviewers and policy staff)' : ''}
              </label>
            ))}
          </fieldset>
        )}
        {outcome === 'keep_newsworthy' && (
          <fieldset>
            <legend>Newsworthiness balancing</legend>
            <p className="muted">Public interest</p>
            {PUBLIC_INTEREST.map((f) => (
              <label key={f} className="inline">
                <input
                  type="checkbox"
                  checked={interest.includes(f)}
                  onChange={() => setInterest(toggle(interest, f))}
                />
                {f.replace(/_/g, ' ')}
              </label>
            ))}
            <p className="muted">Harm</p>
            {HARMS.map((f) => (
              <label key={f} className="inline">
                <input type="checkbox" checked={harms.includes(f)} onChange={() => setHarms(toggle(harms, f))} />
                {f.replace(/_/g, ' ')}
              </label>
            ))}
            {advice && (
              <div
                className={advice.recommendation === 'remove' ? 'notice warn' : 'notice'}
                role="status"
                data-testid="newsworthiness-advice"
              >
                <strong>
                  Recommendation: {advice.recommendation === 'keep' ? 'keep it up as newsworthy' : 'remove it'}
                </strong>
                <ul>
                  {advice.reasons.map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                </ul>
              </div>
            )}
            <Field label="Assessment" name="/balancing/assessment">
              {(props) => (
                <textarea {...props} value={assessment} onChange={(e) => setAssessment(e.target.value)} rows={3} />
              )}
            </Field>
            <label className="inline">
              <input type="checkbox" checked={warningScreen} onChange={(e) => setWarningScreen(e.target.checked)} />
              Show behind a warning screen
              {needsWarningScreen
                ? ' (required: a head of state or government threatening violence in a designated country)'
                : ''}
            </label>
          </fieldset>
        )}
        <Field label="Account action" name="/accountAction">
          {(props) => (
            <select
              {...props}
              value={action}
              onChange={(e) => setAction(e.target.value)}
              disabled={outcome === 'no_violation'}
            >
              {ACCOUNT_ACTIONS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {(action === 'restrict_account' || action === 'suspend_account') && (
          <Field label="Days" name="/accountAction/days" hint="1 to 730">
            {(props) => (
              <input
                {...props}
                type="number"
                min={1}
                max={730}
                value={days}
                onChange={(e) => setDays(Number(e.target.value))}
              />
            )}
          </Field>
        )}
        <TemplatePicker policyId={policyId} sectionId={section?.id} onPick={setFacts} />
        <Field
          label="Statement of facts relied on"
          name="/facts"
          hint="The facts and circumstances the decision rests on; the user reads them in the notice."
        >
          {(props) => <textarea {...props} value={facts} onChange={(e) => setFacts(e.target.value)} rows={4} />}
        </Field>
        <Field label="Territorial scope" name="/territorialScope" hint="ISO 3166 alpha-3 codes, or WORLD">
          {(props) => <input {...props} value={scope} onChange={(e) => setScope(e.target.value.toUpperCase())} />}
        </Field>
      </FieldsOf>
      <section className="preview" aria-label="Statement of reasons preview">
        <h3>Statement of reasons (preview)</h3>
        <dl>
          <dt>Decision</dt>
          <dd>{outcome ? OUTCOME_LABELS[outcome] : '—'}</dd>
          <dt>Ground</dt>
          <dd>
            {policy && section
              ? `${policy.title}, section "${section.title}" (${policy.policyId}/${section.id}, version ${policy.version})`
              : '—'}
          </dd>
          <dt>Facts</dt>
          <dd>{facts || '—'}</dd>
          <dt>Automation</dt>
          <dd>Decided by a person, not by automated means.</dd>
          <dt>Redress</dt>
          <dd>Internal appeal until {appealUntil}; out-of-court dispute settlement; the courts.</dd>
        </dl>
      </section>
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

type PreviewState =
  { kind: 'none' } | { kind: 'shown'; preview: DecisionPreview } | { kind: 'refused'; problem: string };

/** The server's preview of a draft, fetched again whenever the draft changes; only the latest answer is kept. */
function useDecisionPreview(caseId: string, draft: object | null): PreviewState {
  const [state, setState] = useState<PreviewState>({ kind: 'none' });
  useEffect(() => {
    if (!draft) return setState({ kind: 'none' });
    let current = true;
    api<DecisionPreview>('POST', `/api/cases/${caseId}/decision/preview`, draft).then(
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
  }, [caseId, draft]);
  return state;
}

/** Every consequence of the decision, shown before the reviewer records it. */
function Consequences({ preview }: { preview: PreviewState }) {
  if (preview.kind === 'none') return null;
  return (
    <section className="preview" aria-label="Consequences">
      <h3>What this decision does</h3>
      {preview.kind === 'refused' ? (
        <p className="alert">{preview.problem}</p>
      ) : (
        <ul>
          {preview.preview.summary.map((line) => (
            <li
              key={line}
              className={line.startsWith('Account disabled') || line.startsWith('No strike') ? 'warn' : undefined}
            >
              {line}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
