import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../api';
import { problemText } from '../load';
import { countryOf } from '../names';
import { AreaGate } from '../pages/AreaGate';
import type { AccountHistory } from '../../../src/moderation/contract';
import {
  AccountAppeals,
  AccountContent,
  AccountDecisions,
  AccountReports,
  AccountRestrictions,
  AccountStrikes,
} from './AccountRecord';
import { words } from './format';

export const accountPath = (platform: string, accountRef: string) =>
  `/console/accounts/${encodeURIComponent(platform)}/${encodeURIComponent(accountRef)}`;

/** A link to the account behind a subject (the account itself, or the content's author), when it is known. */
export function AccountLink({
  subject,
}: {
  subject: { kind: string; externalId: string; authorExternalId: string | null; platform?: string };
}) {
  const ref = subject.kind === 'account' ? subject.externalId : subject.authorExternalId;
  if (!ref || !subject.platform) return null;
  return (
    <p>
      <Link to={accountPath(subject.platform, ref)}>Account history of {ref}</Link>
    </p>
  );
}

/** An account's whole record with the platform: content, reports, decisions, strikes, restrictions and appeals. */
export function AccountPage() {
  const { platform = '', ref = '' } = useParams();
  const [history, setHistory] = useState<AccountHistory | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setHistory(null);
    setError(null);
    api<AccountHistory>('GET', `/api/accounts/history?${new URLSearchParams({ platform, accountRef: ref })}`).then(
      setHistory,
      (problem: unknown) => setError(problemText(problem)),
    );
  }, [platform, ref]);

  const subjectName = (id: string) => {
    const s =
      history?.subjects.items.find((x) => x.id === id) ?? (history?.account?.id === id ? history.account : undefined);
    return s ? (s.title ?? s.excerpt?.slice(0, 60) ?? s.externalId) : 'a subject';
  };

  return (
    <AreaGate area="queue">
      <section>
        <p>
          <Link to="/console/search">← Search</Link>
        </p>
        <h1>Account {ref}</h1>
        {error && (
          <p role="alert" className="alert">
            {error}
          </p>
        )}
        {!history && !error && <p className="loading">Loading…</p>}
        {history && (
          <>
            <p className="muted">
              On {history.platform}
              {history.account
                ? ` · ${history.account.title ?? history.account.externalId} · ${history.account.followers.toLocaleString('en')} followers · ${countryOf(history.account.country)}`
                : ' · the platform has not sent the account itself, only content by it'}
              {history.account?.publicFigure ? ` · platform says: ${words(history.account.publicFigure)}` : ''}
            </p>

            <AccountContent subjects={history.subjects} />
            <AccountReports reports={history.reports} subjectName={subjectName} />
            <AccountDecisions decisions={history.decisions} />
            <AccountStrikes strikes={history.strikes} />
            <AccountRestrictions restrictions={history.restrictions} />
            <AccountAppeals appeals={history.appeals} />
          </>
        )}
      </section>
    </AreaGate>
  );
}
