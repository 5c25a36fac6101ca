import type { DecisionPreview } from '../../../src/moderation/contract';
import type { PolicyVersion } from '../../../src/policy/contract';
import { OUTCOME_LABELS } from './format';
import type { Preview } from '../load';
import { useAppealUntil } from './useDecision';

/** The statement of reasons the user will be sent, as the form stands. */
export function StatementPreview({
  outcome,
  policy,
  section,
  facts,
  legalGround = null,
}: {
  outcome: string;
  policy: PolicyVersion | undefined;
  section: PolicyVersion['sections'][number] | undefined;
  facts: string;
  /** Set when the decision rests on illegal content: the provision, why, and the Member States. */
  legalGround?: { legalProvision: string; explanation: string; memberStates: string } | null;
}) {
  const appealUntil = useAppealUntil();
  return (
    <section className="preview" aria-label="Statement of reasons preview">
      <h3>Statement of reasons (preview)</h3>
      <dl>
        <dt>Decision</dt>
        <dd>{outcome ? OUTCOME_LABELS[outcome] : '—'}</dd>
        <dt>Ground</dt>
        <dd>
          {legalGround
            ? `Illegal content: ${legalGround.legalProvision || '—'}, in ${legalGround.memberStates || '—'}: ${legalGround.explanation || '—'}`
            : policy && section
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
  );
}

/** Every consequence of the decision, shown before the reviewer records it. */
export function Consequences({ preview }: { preview: Preview<DecisionPreview> }) {
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
