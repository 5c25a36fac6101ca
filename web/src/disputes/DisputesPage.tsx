import { useState, type FormEvent } from 'react';
import type { Dispute, DisputeBody, DisputeBodyList, DisputeList } from '../../../src/disputes/contract';
import { api } from '../api';
import { Field, FieldsOf, FormMessages, useSubmission } from '../forms';
import { day, LoadState, useLoad } from '../load';
import { AreaGate } from '../pages/AreaGate';
import { BodyForm } from './BodyForm';
import { OutcomeForm } from './OutcomeForm';
import { COMPLAINANT, FEE_BEARER, OUTCOME, OUTCOME_LABEL } from './labels';

/**
 * Out-of-court dispute settlement (DSA Art. 21): the register of certified bodies, the disputes filed with them about
 * decisions, their outcomes and fees, and carrying out an outcome that changes the decision.
 */
export function DisputesPage() {
  const bodies = useLoad<DisputeBodyList>('/api/dispute-bodies');
  const disputes = useLoad<DisputeList>('/api/disputes');
  return (
    <AreaGate area="transparency">
      <section>
        <h1>Out-of-court disputes</h1>
        <p className="muted">
          Users and notifiers may take a decision to a body certified under the EU Digital Services Act (Art. 21). The
          register is public at <a href="/dispute-bodies">/dispute-bodies</a>, where the statements of reasons point.
        </p>
        <h2>Certified bodies</h2>
        {bodies.state === 'ready' ? (
          <BodiesTable bodies={bodies.value.bodies} onChanged={bodies.reload} />
        ) : (
          <LoadState load={bodies} />
        )}
        <BodyForm onSaved={bodies.reload} />
        <h2>Disputes</h2>
        {bodies.state === 'ready' && (
          <FileForm bodies={bodies.value.bodies.filter((b) => b.certifiedNow)} onFiled={disputes.reload} />
        )}
        {disputes.state === 'ready' ? (
          disputes.value.disputes.length === 0 ? (
            <p className="empty">No dispute recorded yet.</p>
          ) : (
            disputes.value.disputes.map((d) => <DisputeCard key={d.id} dispute={d} onChanged={disputes.reload} />)
          )
        ) : (
          <LoadState load={disputes} />
        )}
      </section>
    </AreaGate>
  );
}

function BodiesTable({ bodies, onChanged }: { bodies: DisputeBody[]; onChanged: () => void }) {
  const submission = useSubmission();
  if (bodies.length === 0) return <p className="empty">No body in the register yet.</p>;
  const setStatus = (body: DisputeBody, status: DisputeBody['status']) =>
    submission.run(async () => {
      const { id, name, memberState, coordinator, website, areas, languages, certifiedOn, certifiedUntil } = body;
      await api('PUT', `/api/dispute-bodies/${id}`, {
        ...{ name, memberState, coordinator, website, areas, languages, certifiedOn, certifiedUntil },
        status,
      });
      onChanged();
    }, `${body.name}: ${status}.`);
  return (
    <>
      <FormMessages submission={submission} />
      <table aria-label="Certified bodies">
        <thead>
          <tr>
            <th scope="col">Body</th>
            <th scope="col">Certified by</th>
            <th scope="col">Areas and languages</th>
            <th scope="col">Certification</th>
          </tr>
        </thead>
        <tbody>
          {bodies.map((b) => (
            <tr key={b.id}>
              <th scope="row">
                <a href={b.website} rel="external">
                  {b.name}
                </a>
              </th>
              <td>
                {b.coordinator} ({b.memberState})
              </td>
              <td>
                {b.areas.join(', ')}
                <br />
                <span className="muted">{b.languages.join(', ')}</span>
              </td>
              <td>
                <select
                  aria-label={`Certification of ${b.name}`}
                  value={b.status}
                  disabled={submission.busy}
                  onChange={(e) => void setStatus(b, e.target.value as DisputeBody['status'])}
                >
                  <option value="certified">certified</option>
                  <option value="suspended">suspended</option>
                  <option value="revoked">revoked</option>
                </select>
                <br />
                <span className="muted">
                  {day(b.certifiedOn)} to {b.certifiedUntil ? day(b.certifiedUntil) : 'no end set'}
                  {b.certifiedNow ? '' : ' · not certified today'}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function FileForm({ bodies, onFiled }: { bodies: DisputeBody[]; onFiled: () => void }) {
  const [decisionId, setDecisionId] = useState('');
  const [bodyId, setBodyId] = useState('');
  const [complainant, setComplainant] = useState<keyof typeof COMPLAINANT>('affected_user');
  const [filedAt, setFiledAt] = useState('');
  const [bodyReference, setBodyReference] = useState('');
  const submission = useSubmission();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await submission.run(
      () =>
        api<Dispute>('POST', '/api/disputes', {
          decisionId: decisionId.trim(),
          bodyId: bodyId || bodies[0]?.id,
          complainant,
          ...(filedAt ? { filedAt: new Date(filedAt).toISOString() } : {}),
          ...(bodyReference.trim() ? { bodyReference: bodyReference.trim() } : {}),
        }),
      (d) => `The dispute before ${d.body.name} is recorded.`,
    );
    if (done === undefined) return;
    setDecisionId('');
    setBodyReference('');
    onFiled();
  };
  return (
    <form className="panel wide" aria-label="Record a dispute" onSubmit={submit} noValidate>
      <h3>Record a dispute</h3>
      <FormMessages submission={submission} />
      <FieldsOf submission={submission}>
        <Field label="Decision" name="/decisionId" hint="The id of the decision disputed (on its case page).">
          {(props) => <input {...props} value={decisionId} onChange={(e) => setDecisionId(e.target.value)} />}
        </Field>
        <Field label="Body" name="/bodyId">
          {(props) => (
            <select {...props} value={bodyId || bodies[0]?.id || ''} onChange={(e) => setBodyId(e.target.value)}>
              {bodies.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Brought by" name="/complainant">
          {(props) => (
            <select
              {...props}
              value={complainant}
              onChange={(e) => setComplainant(e.target.value as keyof typeof COMPLAINANT)}
            >
              {Object.entries(COMPLAINANT).map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Filed" name="/filedAt" hint="When the body received it; empty for now.">
          {(props) => (
            <input {...props} type="datetime-local" value={filedAt} onChange={(e) => setFiledAt(e.target.value)} />
          )}
        </Field>
        <Field label="Body's reference" name="/bodyReference">
          {(props) => <input {...props} value={bodyReference} onChange={(e) => setBodyReference(e.target.value)} />}
        </Field>
      </FieldsOf>
      <button type="submit" disabled={submission.busy || bodies.length === 0}>
        Record the dispute
      </button>
    </form>
  );
}

function DisputeCard({ dispute: d, onChanged }: { dispute: Dispute; onChanged: () => void }) {
  const title = `Dispute before ${d.body.name} (${COMPLAINANT[d.complainant].toLowerCase()})`;
  return (
    <article className="card" aria-label={title}>
      <h3>{title}</h3>
      <dl className="facts">
        <dt>Decision</dt>
        <dd>
          <a href={`/console/queue/cases/${d.caseId}`}>{d.decisionId}</a> ({OUTCOME_LABEL[d.decisionOutcome]})
        </dd>
        <dt>Filed</dt>
        <dd>
          {day(d.filedAt)}
          {d.bodyReference ? ` · ${d.bodyReference}` : ''}
        </dd>
        <dt>Status</dt>
        <dd>{d.outcome ? `${OUTCOME[d.outcome]} on ${day(d.concludedAt)}` : 'Before the body'}</dd>
        {d.outcome && (
          <>
            <dt>Fees</dt>
            <dd>
              {d.fees ? `${d.fees.amount} ${d.fees.currency}` : 'none stated'}, borne by{' '}
              {d.feesBorneBy ? FEE_BEARER[d.feesBorneBy].toLowerCase() : '—'}
              {d.badFaith ? ' (the body found manifest bad faith)' : ''}
            </dd>
            <dt>Implementation</dt>
            <dd>
              {d.implementation.status === 'not_required'
                ? 'No change to the decision required'
                : d.implementation.status === 'implemented'
                  ? `Implemented on ${day(d.implementation.implementedAt)}: ${OUTCOME_LABEL[d.requiredOutcome ?? 'no_violation']}`
                  : `${OUTCOME_LABEL[d.requiredOutcome ?? 'no_violation']} due by ${day(d.implementation.dueAt)}${d.implementation.overdue ? ' (overdue)' : ''}`}
            </dd>
          </>
        )}
      </dl>
      {d.summary && <p>{d.summary}</p>}
      {d.status === 'filed' && <OutcomeForm dispute={d} onRecorded={onChanged} />}
      {d.implementation.status === 'open' && <ImplementForm dispute={d} onDone={onChanged} />}
    </article>
  );
}

function ImplementForm({ dispute, onDone }: { dispute: Dispute; onDone: () => void }) {
  const [note, setNote] = useState('');
  const submission = useSubmission();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await submission.run(
      () => api('POST', `/api/disputes/${dispute.id}/implement`, { note }),
      'The decision is replaced as the body decided.',
    );
    if (done !== undefined) onDone();
  };
  return (
    <form aria-label="Carry out the outcome" onSubmit={submit} noValidate>
      <FormMessages submission={submission} />
      <FieldsOf submission={submission}>
        <Field label="How it was carried out" name="/note">
          {(props) => <textarea {...props} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
      </FieldsOf>
      <button type="submit" disabled={submission.busy}>
        Carry out the outcome
      </button>
    </form>
  );
}
