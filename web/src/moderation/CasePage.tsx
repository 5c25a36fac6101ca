import { countryOf } from '../names';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiProblem } from '../api';
import { AreaGate } from '../pages/AreaGate';
import { CaseKeys } from './CaseKeys';
import { DecisionForm } from './DecisionForm';
import { AccountLink } from './AccountPage';
import { CaseNotes } from './CaseNotes';
import { ContentPreview } from './ContentPreview';
import { Field, FieldsOf, FormMessages, useSubmission } from '../forms';
import type { CaseView, DecisionResult } from '../../../src/moderation/contract';
import { mostReported, OUTCOME_LABELS, when } from './format';

const n = (value: number) => value.toLocaleString('en');

/** One case: the subject in its context, every report, the history, and the actions this reviewer may take. */
export function CasePage() {
  const { id = '' } = useParams();
  const [detail, setDetail] = useState<CaseView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<DecisionResult | null>(null);
  const [escalation, setEscalation] = useState('');
  const escalating = useSubmission();
  const escalationNote = useRef<HTMLTextAreaElement>(null);
  // "Next case" opens another case on this page: what was said about the last one goes.
  useEffect(() => setOutcome(null), [id]);

  const load = useCallback(async () => {
    try {
      setDetail(await api<CaseView>('GET', `/api/cases/${id}`));
    } catch (problem) {
      setError(problem instanceof ApiProblem ? problem.message : 'The server could not be reached.');
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (path: string, body?: unknown) => {
    setError(null);
    try {
      await api('POST', `/api/cases/${id}/${path}`, body);
      await load();
    } catch (problem) {
      setError(problem instanceof ApiProblem ? problem.message : 'The server could not be reached.');
    }
  };

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
  const { case: c, subject, author, permissions } = detail;
  return (
    <AreaGate area="queue">
      <section className="case">
        <p>
          <Link to="/console/queue">← Queue</Link>
        </p>
        <div className="page-head">
          <h1>{subject.title ?? subject.externalId}</h1>
          <div className="actions">
            <CaseKeys
              permissions={permissions}
              onClaim={() => void act('claim')}
              onRelease={() => void act('release')}
              onEscalate={() => escalationNote.current?.focus()}
            />
            {permissions.claim && !permissions.decide && (
              <button type="button" onClick={() => act('claim')}>
                Claim case
              </button>
            )}
            {permissions.decide && (
              <button type="button" className="secondary" onClick={() => act('release')}>
                Release
              </button>
            )}
          </div>
        </div>
        <p className="muted">
          Case {c.status} · level {c.level} · priority {c.priority.toFixed(2)} · opened {when(c.openedAt)}
          {c.leaseExpiresAt
            ? ` · held by ${c.claimedByName ?? 'another reviewer'} until ${when(c.leaseExpiresAt)}`
            : ''}
        </p>
        {error && (
          <p role="alert" className="alert">
            {error}
          </p>
        )}
        <FormMessages submission={escalating} />
        {outcome && (
          <p role="status" className="status">
            Decision recorded.{' '}
            {outcome.strikeId ? `Strike issued: the account now has ${outcome.activeStrikes} active strike(s). ` : ''}
            {outcome.restrictions
              .map((r) => `${r.kind.replace(/_/g, ' ')}${r.endsAt ? ` until ${when(r.endsAt)}` : ''}`)
              .join('; ')}
          </p>
        )}

        <div className="grid">
          <article className="card">
            <h2>Subject</h2>
            <ContentPreview subject={subject} />
            <dl className="facts">
              <dt>Type</dt>
              <dd>
                {subject.kind}
                {subject.contentType ? ` (${subject.contentType})` : ''}
              </dd>
              <dt>Reach</dt>
              <dd>
                {n(subject.views)} views · {n(subject.shares)} shares
              </dd>
              <dt>Place</dt>
              <dd>
                {countryOf(subject.country)} · {subject.language ?? '—'}
              </dd>
              <dt>Crisis designation</dt>
              <dd>{detail.designation === 'none' ? 'none' : <span className="badge">{detail.designation}</span>}</dd>
              {subject.postedAt && (
                <>
                  <dt>Posted</dt>
                  <dd>{when(subject.postedAt)}</dd>
                </>
              )}
            </dl>
          </article>
          <article className="card">
            <h2>Author</h2>
            <AccountLink subject={subject} />
            {author ? (
              <>
                <p>
                  {author.title ?? author.externalId}{' '}
                  {author.publicFigure && (
                    <span className="badge">Platform says: {author.publicFigure.replace(/_/g, ' ')}</span>
                  )}
                </p>
                <p className="muted">{n(author.followers)} followers</p>
              </>
            ) : (
              <p className="muted">{subject.authorExternalId ?? 'Unknown author'}</p>
            )}
            {detail.verifiedFigure ? (
              <p data-testid="verified-figure">
                <span className="badge">Verified: {detail.verifiedFigure.kind.replace(/_/g, ' ')}</span>{' '}
                {detail.verifiedFigure.name}
                {detail.verifiedFigure.country ? ` (${countryOf(detail.verifiedFigure.country)})` : ''}{' '}
                <span className="muted">in the registry since {when(detail.verifiedFigure.verifiedAt)}</span>
                {detail.verifiedFigure.kindWhenPosted !== detail.verifiedFigure.kind && (
                  <strong>
                    {' '}
                    · {detail.verifiedFigure.kindWhenPosted.replace(/_/g, ' ')} when this was posted, which is how it is
                    judged
                  </strong>
                )}
              </p>
            ) : (
              <p className="muted" data-testid="verified-figure">
                Not in the public-figure registry
              </p>
            )}
            <h3>Active strikes</h3>
            {detail.activeStrikes.length === 0 ? (
              <p className="muted">None</p>
            ) : (
              <ul aria-label="Active strikes">
                {detail.activeStrikes.map((s) => (
                  <li key={s.id}>
                    {s.policyId}, expires {when(s.expiresAt)}
                  </li>
                ))}
              </ul>
            )}
            <h3>Account restrictions</h3>
            {detail.restrictions.length === 0 ? (
              <p className="muted">None</p>
            ) : (
              <ul aria-label="Account restrictions">
                {detail.restrictions.map((r) => (
                  <li key={r.id}>
                    {r.kind.replace(/_/g, ' ')}
                    {r.endsAt ? ` until ${when(r.endsAt)}` : ''}
                  </li>
                ))}
              </ul>
            )}
          </article>
          <article className="card">
            <h2>Why this priority</h2>
            <ul className="plain">
              {c.priorityFactors.map((f) => (
                <li key={f.factor}>
                  <strong>{f.factor}</strong> ×{f.value}: {f.detail}
                </li>
              ))}
            </ul>
            <p aria-label="Priority score">
              {c.priorityFactors.map((f) => f.value).join(' × ')} = <strong>{c.priority.toFixed(2)}</strong>{' '}
              <span className="muted">as of {when(c.priorityAt)}</span>
            </p>
            {c.escalationNote && <p className="note">Escalation note: {c.escalationNote}</p>}
          </article>
        </div>

        <h2>Reports ({detail.reports.length})</h2>
        <table aria-label="Reports">
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">Source</th>
              <th scope="col">Alleged</th>
              <th scope="col">Text</th>
            </tr>
          </thead>
          <tbody>
            {detail.reports.map((r) => (
              <tr key={r.id}>
                <td>{when(r.receivedAt)}</td>
                <td>{r.source.replace(/_/g, ' ')}</td>
                <td>
                  {r.policyId}
                  {r.sectionId ? `/${r.sectionId}` : ''}
                </td>
                <td>{r.text ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>

        {detail.decisions.length > 0 && (
          <>
            <h2>Decisions and notices</h2>
            {detail.decisions.map((d) => {
              const notice = detail.notices.find((x) => x.decisionId === d.id);
              return (
                <article className="card" key={d.id} aria-label="Decision">
                  <p>
                    <strong>{OUTCOME_LABELS[d.outcome] ?? d.outcome}</strong> under {d.policyId}/{d.sectionId} v
                    {d.policyVersion}, {when(d.decidedAt)}
                    {d.status === 'reversed' ? ' (reversed on appeal)' : ''}
                  </p>
                  <p className="muted">{d.facts}</p>
                  {notice && (
                    <section aria-label="Notice to the user">
                      <h3>Notice to the user</h3>
                      <p>{notice.statement.summary}</p>
                    </section>
                  )}
                </article>
              );
            })}
          </>
        )}

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
            {permissions.escalate && (
              <form
                className="panel wide"
                aria-label="Escalate"
                noValidate
                onSubmit={(e) => {
                  e.preventDefault();
                  const to = c.level === 'frontline' ? 'senior' : 'policy';
                  void escalating.run(
                    async () => {
                      await api('POST', `/api/cases/${id}/escalate`, { to, note: escalation });
                      setEscalation('');
                      await load();
                      return to;
                    },
                    `Case sent to ${to === 'senior' ? 'senior reviewers' : 'policy staff'}.`,
                  );
                }}
              >
                <h2>Escalate to {c.level === 'frontline' ? 'senior reviewers' : 'policy staff'}</h2>
                <FieldsOf submission={escalating}>
                  <Field label="Escalation note" name="/note">
                    {(props) => (
                      <textarea
                        {...props}
                        ref={escalationNote}
                        value={escalation}
                        onChange={(e) => setEscalation(e.target.value)}
                        rows={2}
                      />
                    )}
                  </Field>
                </FieldsOf>
                <button type="submit" className="secondary">
                  Escalate
                </button>
              </form>
            )}
          </>
        )}

        <CaseNotes caseId={c.id} />

        <h2>History</h2>
        <ol className="history" aria-label="History">
          {detail.history.map((e) => (
            <li key={e.seq}>
              <span className="muted">{when(e.at)}</span> {eventLabel(e.type)}{' '}
              <span className="muted">by {e.actorName}</span>
            </li>
          ))}
        </ol>
      </section>
    </AreaGate>
  );
}

/** An event's type as words: `decision.taken` reads "Decision taken", `case.claim_released` "Case claim released". */
const eventLabel = (type: string): string => {
  const words = type.replace(/[._]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};
