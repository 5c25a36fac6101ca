import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { PublicSummary } from '../../../src/transparency/site/contract';
import { api } from '../api';

// The public records are pages the server renders (they read without JavaScript): plain links, not client routes.
const PUBLIC_AREAS: { title: string; href: string; text: string; figure?: (s: PublicSummary) => string }[] = [
  {
    title: 'Board decisions',
    href: '/decisions',
    text: 'Cases decided by the independent oversight board, with their reasoning, public comments and minority opinions.',
    figure: (s) =>
      `${s.record.boardDecisions} decided${s.record.implementationOverdue ? `; ${s.record.implementationOverdue} not implemented in time` : ''}`,
  },
  {
    title: 'Recommendation tracker',
    href: '/recommendations',
    text: "Every recommendation the board made, the platform's public answer within 60 days, and whether it was kept.",
    figure: (s) =>
      `${s.record.recommendations} recommendations; ${s.record.awaitingResponse} awaiting an answer, ${s.record.responsesOverdue} overdue`,
  },
  {
    title: 'Transparency statistics',
    href: '/statistics',
    text: 'Reports, actions, appeals and reversals by period, policy and country, with downloadable data.',
  },
  {
    title: 'Crisis designations',
    href: '/designations',
    text: 'Countries where a crisis or a continuing threat of state violence changes how speech is reviewed, and why.',
    figure: (s) => `${s.record.activeDesignations} in force`,
  },
];

export function LandingPage() {
  const [summary, setSummary] = useState<PublicSummary | null>(null);
  useEffect(() => {
    api<PublicSummary>('GET', '/api/public/summary').then(setSummary, () => setSummary(null));
  }, []);

  return (
    <div className="public">
      <header className="topbar">
        <span className="brand">Docket</span>
        <Link className="button secondary" to="/login">
          Staff sign in
        </Link>
      </header>
      <main className="public-main">
        <section className="hero">
          <h1>Decisions about online speech, explained and checkable</h1>
          <p>
            Docket records how a platform decides what stays up and why, how an independent oversight board reviews
            those decisions, and whether the platform keeps its word. Binding decisions and recommendations are tracked
            to the end, and every published answer is on an append-only record that anyone can verify.
          </p>
        </section>
        <section className="cards" aria-label="Public records">
          {PUBLIC_AREAS.map((area) => (
            <article className="card" key={area.title}>
              <h2>
                <a href={area.href}>{area.title}</a>
              </h2>
              <p>{area.text}</p>
              {summary && area.figure && <p className="figure">{area.figure(summary)}</p>}
            </article>
          ))}
        </section>
        <p>
          <a href="/policies">The policy library</a>: the rules every decision cites, with each version since the first.
        </p>
        <p className="log-summary">
          {summary ? (
            <>
              <a href="/log">The public log</a> holds <strong>{summary.publicLog.entries.toLocaleString('en')}</strong>{' '}
              signed entries; its head is{' '}
              <code title={summary.publicLog.head}>{summary.publicLog.head.slice(0, 16)}…</code>. Docket's full record
              of every change holds {summary.log.entries.toLocaleString('en')} entries.
            </>
          ) : (
            'Loading the record…'
          )}
        </p>
      </main>
    </div>
  );
}
