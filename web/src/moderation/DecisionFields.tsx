import { Field } from '../forms';
import { Key } from '../shortcuts';
import type { NewsworthinessAdvice } from '../../../src/moderation/contract';
import type { PolicyVersion } from '../../../src/policy/contract';
import { OUTCOME_LABELS } from './format';
import { PolicyOptions } from './PolicyOptions';
import { takesDays, type AccountChoice, type BalancingChoice } from './useDecision';

type Section = PolicyVersion['sections'][number];

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

/** The policy the decision cites and, once one is chosen, its section. */
export function PolicyFields({
  policies,
  policyId,
  onPolicy,
  policy,
  section,
  onSection,
}: {
  policies: PolicyVersion[];
  policyId: string;
  onPolicy: (policyId: string) => void;
  policy: PolicyVersion | undefined;
  section: Section | undefined;
  onSection: (sectionId: string) => void;
}) {
  return (
    <>
      <Field label="Policy" name="/policyId">
        {(props) => (
          <select {...props} value={policyId} onChange={(e) => onPolicy(e.target.value)}>
            <PolicyOptions policies={policies} />
          </select>
        )}
      </Field>
      {policy && (
        <Field label="Section" name="/sectionId">
          {(props) => (
            <select {...props} value={section?.id ?? ''} onChange={(e) => onSection(e.target.value)}>
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
    </>
  );
}

/** The outcomes the section allows, each with its key; keeping as newsworthy only for those who may. */
export function OutcomeChoice({
  section,
  outcome,
  mayPick,
  onPick,
}: {
  section: Section;
  outcome: string;
  mayPick: (outcome: string) => boolean;
  onPick: (outcome: string) => void;
}) {
  return (
    <fieldset>
      <legend>Outcome</legend>
      {section.allowedOutcomes.map((o, i) => (
        <label key={o} className="inline">
          <input
            type="radio"
            name="outcome"
            value={o}
            checked={outcome === o}
            disabled={!mayPick(o)}
            onChange={() => onPick(o)}
          />
          {OUTCOME_LABELS[o] ?? o} {i < 9 && mayPick(o) && <Key name={String(i + 1)} />}
          {!mayPick(o) ? ' (senior reviewers and policy staff)' : ''}
        </label>
      ))}
    </fieldset>
  );
}

const toggle = (list: string[], value: string) =>
  list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

/** Keeping violating content as newsworthy: the public interest against the harm, the server's advice, the assessment. */
export function BalancingFields({
  balancing,
  onChange,
  advice,
  needsWarningScreen,
}: {
  balancing: BalancingChoice;
  onChange: (balancing: BalancingChoice) => void;
  advice: NewsworthinessAdvice | null;
  needsWarningScreen: boolean;
}) {
  const { publicInterest, harms, assessment, warningScreen } = balancing;
  return (
    <fieldset>
      <legend>Newsworthiness balancing</legend>
      <p className="muted">Public interest</p>
      <FactorChecks
        factors={PUBLIC_INTEREST}
        chosen={publicInterest}
        onChange={(chosen) => onChange({ ...balancing, publicInterest: chosen })}
      />
      <p className="muted">Harm</p>
      <FactorChecks factors={HARMS} chosen={harms} onChange={(chosen) => onChange({ ...balancing, harms: chosen })} />
      {advice && <Advice advice={advice} />}
      <Field label="Assessment" name="/balancing/assessment">
        {(props) => (
          <textarea
            {...props}
            value={assessment}
            onChange={(e) => onChange({ ...balancing, assessment: e.target.value })}
            rows={3}
          />
        )}
      </Field>
      <label className="inline">
        <input
          type="checkbox"
          checked={warningScreen}
          onChange={(e) => onChange({ ...balancing, warningScreen: e.target.checked })}
        />
        Show behind a warning screen
        {needsWarningScreen
          ? ' (required: a head of state or government threatening violence in a designated country)'
          : ''}
      </label>
    </fieldset>
  );
}

/** A checkbox for each factor, ticked when chosen. */
function FactorChecks({
  factors,
  chosen,
  onChange,
}: {
  factors: string[];
  chosen: string[];
  onChange: (chosen: string[]) => void;
}) {
  return (
    <>
      {factors.map((f) => (
        <label key={f} className="inline">
          <input type="checkbox" checked={chosen.includes(f)} onChange={() => onChange(toggle(chosen, f))} />
          {f.replace(/_/g, ' ')}
        </label>
      ))}
    </>
  );
}

/** The server's recommendation for the balancing as ticked, with its reasons. */
function Advice({ advice }: { advice: NewsworthinessAdvice }) {
  return (
    <div
      className={advice.recommendation === 'remove' ? 'notice warn' : 'notice'}
      role="status"
      data-testid="newsworthiness-advice"
    >
      <strong>Recommendation: {advice.recommendation === 'keep' ? 'keep it up as newsworthy' : 'remove it'}</strong>
      <ul>
        {advice.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
    </div>
  );
}

/** What happens to the account beyond the outcome, and for how many days when that is asked. */
export function AccountActionFields({
  action,
  onChange,
  outcome,
}: {
  action: AccountChoice;
  onChange: (action: AccountChoice) => void;
  outcome: string;
}) {
  return (
    <>
      <Field label="Account action" name="/accountAction">
        {(props) => (
          <select
            {...props}
            value={action.kind}
            onChange={(e) => onChange({ ...action, kind: e.target.value })}
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
      {takesDays(action.kind) && (
        <Field label="Days" name="/accountAction/days" hint="1 to 730">
          {(props) => (
            <input
              {...props}
              type="number"
              min={1}
              max={730}
              value={action.days}
              onChange={(e) => onChange({ ...action, days: Number(e.target.value) })}
            />
          )}
        </Field>
      )}
    </>
  );
}
