import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { Field, FieldsOf, FormMessages, useSubmission } from '../forms';
import type { RecommendationView } from '../../../src/board/contract';
import { ASSESSMENTS, RESPONSE_CATEGORIES } from '../../../src/board/rules';
import { label } from './label';

/** The liaison's response to a recommendation, or the board's assessment of its implementation. */
export function ResponseForm({
  recommendation,
  mode,
  onDone,
}: {
  recommendation: RecommendationView;
  mode: 'respond' | 'assess';
  onDone: () => void;
}) {
  const choices = mode === 'respond' ? RESPONSE_CATEGORIES : ASSESSMENTS;
  const [choice, setChoice] = useState<string>(choices[0]);
  const [text, setText] = useState('');
  const [timeline, setTimeline] = useState('');
  const submission = useSubmission();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await submission.run(
      () =>
        mode === 'respond'
          ? api('POST', `/api/board/recommendations/${recommendation.id}/responses`, {
              category: choice,
              reasons: text,
              ...(timeline.trim() ? { timeline } : {}),
            })
          : api('POST', `/api/board/recommendations/${recommendation.id}/assessments`, {
              assessment: choice,
              note: text,
            }),
      mode === 'respond'
        ? `Response to ${recommendation.ref} recorded and published.`
        : `Assessment of ${recommendation.ref} recorded.`,
    );
    if (done === undefined) return;
    setText('');
    setTimeline('');
    onDone();
  };
  const name = mode === 'respond' ? `Respond to ${recommendation.ref}` : `Assess ${recommendation.ref}`;
  const textField = mode === 'respond' ? '/reasons' : '/note';
  return (
    <form aria-label={name} onSubmit={submit} className="inline-form" noValidate>
      <FormMessages submission={submission} />
      <FieldsOf submission={submission}>
        <Field
          label={mode === 'respond' ? 'Response' : 'Assessment'}
          name={mode === 'respond' ? '/category' : '/assessment'}
        >
          {(props) => (
            <select {...props} value={choice} onChange={(e) => setChoice(e.target.value)}>
              {choices.map((c) => (
                <option key={c} value={c}>
                  {label(c)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={mode === 'respond' ? 'Reasons' : 'Note'} name={textField}>
          {(props) => <textarea {...props} rows={2} value={text} onChange={(e) => setText(e.target.value)} />}
        </Field>
        {mode === 'respond' && (choice === 'implementing_fully' || choice === 'implementing_in_part') && (
          <Field label="Timeline" name="/timeline">
            {(props) => <input {...props} value={timeline} onChange={(e) => setTimeline(e.target.value)} />}
          </Field>
        )}
      </FieldsOf>
      <button type="submit" disabled={submission.busy}>
        {mode === 'respond' ? 'Record response' : 'Record assessment'}
      </button>
    </form>
  );
}
