import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { Field, FieldsOf, FormMessages, useSubmission } from '../forms';

const KINDS = {
  platform_referral: 'Refer a decision to the board',
  policy_advisory: 'Ask for a policy advisory opinion (a policy question, no content)',
} as const;
const TRACKS = {
  standard: 'Standard: decided within 90 days of selection',
  expedited: 'Expedited: decided within 30 days of selection',
} as const;

/** The platform's liaison refers one of its decisions to the board, or asks it a policy question. */
export function ReferralForm({ onReferred }: { onReferred: () => void }) {
  const [kind, setKind] = useState<keyof typeof KINDS>('platform_referral');
  const [track, setTrack] = useState<keyof typeof TRACKS>('standard');
  const [title, setTitle] = useState('');
  const [statement, setStatement] = useState('');
  const [decisionId, setDecisionId] = useState('');
  const submission = useSubmission();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      kind,
      track,
      title,
      statement,
      ...(kind === 'platform_referral' && decisionId.trim() ? { decisionId: decisionId.trim() } : {}),
    };
    const done = await submission.run(
      () => api<{ ref: string }>('POST', '/api/board/referrals', body),
      (result) =>
        `Submitted to the board as ${result.ref}: the case-selection committee considers it with the other candidates.`,
    );
    if (done === undefined) return;
    setTitle('');
    setStatement('');
    setDecisionId('');
    onReferred();
  };
  return (
    <form className="panel wide" aria-label="Refer to the board" onSubmit={submit} noValidate>
      <h3>Refer to the board</h3>
      <FormMessages submission={submission} />
      <FieldsOf submission={submission}>
        <Field label="Request" name="/kind">
          {(props) => (
            <select {...props} value={kind} onChange={(e) => setKind(e.target.value as keyof typeof KINDS)}>
              {Object.entries(KINDS).map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Track" name="/track">
          {(props) => (
            <select {...props} value={track} onChange={(e) => setTrack(e.target.value as keyof typeof TRACKS)}>
              {Object.entries(TRACKS).map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </select>
          )}
        </Field>
        {kind === 'platform_referral' && (
          <Field
            label="Decision ID"
            name="/decisionId"
            hint="The ID of the decision in force, as Docket gave it to your platform with the decision and its notice."
          >
            {(props) => <input {...props} value={decisionId} onChange={(e) => setDecisionId(e.target.value)} />}
          </Field>
        )}
        <Field label="Title" name="/title" hint="Shown on the public docket once the board takes the case.">
          {(props) => <input {...props} value={title} onChange={(e) => setTitle(e.target.value)} />}
        </Field>
        <Field
          label={kind === 'platform_referral' ? 'Why the platform refers it' : 'The policy question'}
          name="/statement"
        >
          {(props) => <textarea {...props} rows={4} value={statement} onChange={(e) => setStatement(e.target.value)} />}
        </Field>
      </FieldsOf>
      <button type="submit" disabled={submission.busy}>
        Submit to the board
      </button>
    </form>
  );
}
