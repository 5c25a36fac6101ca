import { useMemo, useState, type FormEvent } from 'react';
import { api } from '../api';
import { Field, FieldsOf, FormMessages, useSubmission } from '../forms';
import { day, usePreview, type Preview } from '../load';
import type { Figure, RestrictionImposed, RestrictionPreview } from '../../../src/figures/contract';
import { roleLabel, type NameOf } from './labels';

const TIERS = [1, 2, 3, 4] as const;

/** What restricting the account would bring, from the server's own rule, refetched as the choice changes. */
function useRestrictionPreview(
  figure: { platform: string; accountRef: string } | undefined,
  severityTier: number,
  version: number,
): Preview<RestrictionPreview> {
  const platform = figure?.platform;
  const accountRef = figure?.accountRef;
  const draft = useMemo(
    () => (platform && accountRef ? { platform, accountRef, severityTier } : null),
    [platform, accountRef, severityTier],
  );
  return usePreview<RestrictionPreview>('/api/restrictions/preview', draft, version);
}

/** Policy staff restrict a verified public figure's account under the protocol: a severity tier, a fixed end, a review. */
export function RestrictForm({
  figures,
  nameOf,
  version,
  onRestricted,
}: {
  figures: Figure[];
  nameOf: NameOf;
  version: number;
  onRestricted: () => void;
}) {
  const [account, setAccount] = useState('');
  const [severityTier, setTier] = useState(1);
  const [reason, setReason] = useState('');
  const submission = useSubmission();
  const figure = figures.find((f) => `${f.platform}/${f.accountRef}` === account);
  // `version` changes after each restriction, so the preview counts the one just recorded.
  const preview = useRestrictionPreview(figure, severityTier, version);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await submission.run(
      () =>
        api<RestrictionImposed>('POST', '/api/restrictions', {
          ...(figure ? { platform: figure.platform, accountRef: figure.accountRef } : {}),
          severityTier,
          reason,
        }),
      (result) =>
        `${figure?.name ?? 'The account'} is restricted at tier ${result.tier} until ${day(result.endsAt)}, and reviewed then.`,
    );
    if (done === undefined) return;
    setReason('');
    onRestricted();
  };
  return (
    <form className="panel wide" aria-label="Restrict a public figure" onSubmit={submit} noValidate>
      <h3>Restrict a public figure</h3>
      <FormMessages submission={submission} />
      <FieldsOf submission={submission}>
        <Field
          label="Public figure"
          name="/accountRef"
          hint="Verified public figures; the protocol applies where their country is under a designation."
        >
          {(props) => (
            <select {...props} value={account} onChange={(e) => setAccount(e.target.value)}>
              <option value="">Choose a public figure</option>
              {figures.map((f) => (
                <option key={`${f.platform}/${f.accountRef}`} value={`${f.platform}/${f.accountRef}`}>
                  {f.name} ({roleLabel(f.kind)}, {nameOf(f.country)})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Severity tier" name="/severityTier">
          {(props) => (
            <select {...props} value={severityTier} onChange={(e) => setTier(Number(e.target.value))}>
              {TIERS.map((t) => (
                <option key={t} value={t}>
                  Tier {t}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Reason" name="/reason" hint="What the figure said or did; recorded on the log and published.">
          {(props) => <textarea {...props} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
      </FieldsOf>
      <RestrictionConsequences preview={preview} nameOf={nameOf} />
      <button type="submit" disabled={submission.busy}>
        Restrict the account
      </button>
    </form>
  );
}

function RestrictionConsequences({ preview, nameOf }: { preview: Preview<RestrictionPreview>; nameOf: NameOf }) {
  if (preview.kind === 'none') return null;
  if (preview.kind === 'refused') {
    return (
      <section className="preview" aria-label="What the restriction would bring">
        <p>{preview.problem}</p>
      </section>
    );
  }
  const p = preview.preview;
  const moved = p.tier !== p.severityTier;
  return (
    <section className="preview" aria-label="What the restriction would bring">
      <h3>What the restriction would bring</h3>
      <dl>
        <dt>Tier</dt>
        <dd>
          {p.tier}
          {moved
            ? ` (moved up from tier ${p.severityTier}: ${p.earlierRestrictions} earlier restriction${p.earlierRestrictions === 1 ? '' : 's'} of this account)`
            : ''}
        </dd>
        <dt>Length</dt>
        <dd>
          {p.months} month{p.months === 1 ? '' : 's'}: {day(p.startsAt)} to {day(p.endsAt)}
        </dd>
        <dt>Review</dt>
        <dd>
          On {day(p.reviewAt)}: lifted if the risk has receded, otherwise extended by the tier’s length, with reasons
        </dd>
        <dt>Why the protocol applies</dt>
        <dd>
          {p.applies} ({nameOf(p.figure.country)}: {p.context} designation)
        </dd>
      </dl>
    </section>
  );
}
