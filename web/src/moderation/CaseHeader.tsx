import { Link } from 'react-router';
import { CaseKeys } from './CaseKeys';
import type { CaseView, DecisionResult } from '../../../src/moderation/contract';
import { when } from './format';

/** The case's title, the claim and release buttons (with their keys), and where the case stands. */
export function CaseHeader({
  detail,
  act,
  onEscalate,
}: {
  detail: CaseView;
  act: (path: string) => Promise<void>;
  onEscalate: () => void;
}) {
  const { case: c, subject, permissions } = detail;
  return (
    <>
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
            onEscalate={onEscalate}
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
        {c.leaseExpiresAt ? ` · held by ${c.claimedByName ?? 'another reviewer'} until ${when(c.leaseExpiresAt)}` : ''}
      </p>
    </>
  );
}

/** What the decision just recorded brought: the strike and the restrictions. */
export function DecisionRecorded({ result }: { result: DecisionResult }) {
  return (
    <p role="status" className="status">
      Decision recorded.{' '}
      {result.strikeId ? `Strike issued: the account now has ${result.activeStrikes} active strike(s). ` : ''}
      {result.restrictions
        .map((r) => `${r.kind.replace(/_/g, ' ')}${r.endsAt ? ` until ${when(r.endsAt)}` : ''}`)
        .join('; ')}
    </p>
  );
}
