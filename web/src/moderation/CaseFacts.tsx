import { countryOf } from '../names';
import { AccountLink } from './AccountPage';
import { ContentPreview } from './ContentPreview';
import type { CaseView } from '../../../src/moderation/contract';
import { when } from './format';

const n = (value: number) => value.toLocaleString('en');

/** The three cards at the top of a case: the subject, its author, and why the case has its priority. */
export function CaseFacts({ detail }: { detail: CaseView }) {
  return (
    <div className="grid">
      <SubjectCard detail={detail} />
      <AuthorCard detail={detail} />
      <PriorityCard summary={detail.case} />
    </div>
  );
}

/** The subject in its context: the content, its reach, its place, and the country's crisis designation. */
function SubjectCard({ detail: { subject, designation } }: { detail: CaseView }) {
  return (
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
        <dd>{designation === 'none' ? 'none' : <span className="badge">{designation}</span>}</dd>
        {subject.postedAt && (
          <>
            <dt>Posted</dt>
            <dd>{when(subject.postedAt)}</dd>
          </>
        )}
      </dl>
    </article>
  );
}

/** Who posted it: what the platform says of them, the registry's verified role, their strikes and restrictions. */
function AuthorCard({ detail }: { detail: CaseView }) {
  const { subject, author } = detail;
  return (
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
      <VerifiedFigure figure={detail.verifiedFigure} />
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
  );
}

/** The author's entry in the public-figure registry, and the role it is judged by when that changed since. */
function VerifiedFigure({ figure }: { figure: CaseView['verifiedFigure'] }) {
  if (!figure)
    return (
      <p className="muted" data-testid="verified-figure">
        Not in the public-figure registry
      </p>
    );
  return (
    <p data-testid="verified-figure">
      <span className="badge">Verified: {figure.kind.replace(/_/g, ' ')}</span> {figure.name}
      {figure.country ? ` (${countryOf(figure.country)})` : ''}{' '}
      <span className="muted">in the registry since {when(figure.verifiedAt)}</span>
      {figure.kindWhenPosted !== figure.kind && (
        <strong> · {figure.kindWhenPosted.replace(/_/g, ' ')} when this was posted, which is how it is judged</strong>
      )}
    </p>
  );
}

/** Each factor of the case's priority, their product, and the escalation note. */
function PriorityCard({ summary: c }: { summary: CaseView['case'] }) {
  return (
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
  );
}
