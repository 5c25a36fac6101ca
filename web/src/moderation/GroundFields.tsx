import { useEffect } from 'react';
import { Field } from '../forms';
import type { PolicyVersion } from '../../../src/policy/contract';
import { suggestedProvision } from '../../../src/moderation/ground-rules';
import type { GroundChoice } from './useDecision';

type Section = PolicyVersion['sections'][number];

/**
 * What the decision rests on: the platform's terms (the section above), or illegal content, with the legal
 * provision (started from the laws the section relates to), why the content is illegal under it and the Member
 * States where it is, which are then the decision's territorial scope. Only a decision that acts on content can
 * rest on illegal content.
 */
export function GroundFields({
  ground,
  onChange,
  section,
  acting,
}: {
  ground: GroundChoice;
  onChange: (ground: GroundChoice) => void;
  section: Section | undefined;
  acting: boolean;
}) {
  const suggestion = suggestedProvision(section?.legalReferences);
  // A new section starts the provision again from its laws.
  useEffect(() => {
    onChange({ ...ground, legalProvision: suggestion });
  }, [suggestion]);
  if (!acting) return null;
  const set = (part: Partial<GroundChoice>) => onChange({ ...ground, ...part });
  return (
    <>
      <Field label="Ground" name="/illegalContent">
        {(props) => (
          <select
            {...props}
            value={ground.kind}
            onChange={(e) => set({ kind: e.target.value === 'illegal' ? 'illegal' : 'terms' })}
          >
            <option value="terms">Our terms: the section above</option>
            <option value="illegal">Illegal content under the law of EU/EEA Member States</option>
          </select>
        )}
      </Field>
      {ground.kind === 'illegal' && (
        <>
          <Field
            label="Legal provision"
            name="/illegalContent/legalProvision"
            hint={
              suggestion
                ? 'Started from the laws this section relates to; name the provision relied on.'
                : 'The law and article the decision relies on.'
            }
          >
            {(props) => (
              <input
                {...props}
                value={ground.legalProvision}
                onChange={(e) => set({ legalProvision: e.target.value })}
              />
            )}
          </Field>
          <Field label="Why the content is illegal under it" name="/illegalContent/explanation">
            {(props) => (
              <textarea
                {...props}
                rows={3}
                value={ground.explanation}
                onChange={(e) => set({ explanation: e.target.value })}
              />
            )}
          </Field>
          <Field
            label="Member States concerned"
            name="/illegalContent/memberStates"
            hint="ISO 3166-1 alpha-2 codes of EU/EEA states, e.g. DE, AT: where the content is illegal, and where the decision applies"
          >
            {(props) => (
              <input
                {...props}
                value={ground.memberStates}
                onChange={(e) => set({ memberStates: e.target.value.toUpperCase() })}
              />
            )}
          </Field>
        </>
      )}
    </>
  );
}
