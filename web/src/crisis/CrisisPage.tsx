import { useCallback, useEffect, useState } from 'react';
import { api, ApiProblem } from '../api';
import { AreaGate } from '../pages/AreaGate';
import { useSession } from '../session';
import { FiguresSection } from './FiguresSection';
import { Sparkline } from './Sparkline';

interface CountryAssessment {
  iso3: string;
  acute: { flag: boolean; observed: number; baseline: number; scale: number; z: number; threshold: number; cusum: number };
  chronic: { flag: boolean; rate: number; percentile: number; weeks_in_top_decile: number; civic_space: string | null };
  explanation: string;
}
interface Latest {
  asOf: string;
  perMillion: boolean;
  countries: CountryAssessment[];
  series: Record<string, number[]>;
}
interface Designation {
  id: string;
  iso3: string;
  kind: 'acute' | 'chronic';
  status: 'proposed' | 'active' | 'rejected' | 'ended';
  source: string;
  reasons: string;
  reviewAt: string | null;
}

/** Countries' risk signals with their charts, and the designation workflow. */
export function CrisisPage() {
  const { session } = useSession();
  const mayDecide = session?.permissions.includes('designations.decide') ?? false;
  const [latest, setLatest] = useState<Latest | null | undefined>(undefined);
  const [designations, setDesignations] = useState<Designation[]>([]);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setDesignations((await api<{ designations: Designation[] }>('GET', '/api/designations')).designations);
    try {
      setLatest(await api<Latest>('GET', '/api/crisis/latest'));
    } catch (problem) {
      if (problem instanceof ApiProblem && problem.status === 404) setLatest(null);
      else throw problem;
    }
  }, []);
  useEffect(() => {
    load().catch(() => setError('The server could not be reached.'));
  }, [load]);

  const decide = async (id: string, move: 'approve' | 'reject' | 'end') => {
    setError(null);
    try {
      await api('POST', `/api/designations/${id}/${move}`, { note: notes[id] ?? '' });
      setNotes((current) => ({ ...current, [id]: '' }));
      await load();
    } catch (problem) {
      setError(problem instanceof ApiProblem ? problem.message : 'The server could not be reached.');
    }
  };

  const live = (iso3: string) => designations.filter((d) => d.iso3 === iso3 && (d.status === 'active' || d.status === 'proposed'));

  return (
    <AreaGate area="crisis">
      <section>
        <h1>Crisis</h1>
        {error && <p role="alert" className="alert">{error}</p>}
        <h2>Designations</h2>
        {designations.length === 0 ? (
          <p className="empty">No designations yet.</p>
        ) : (
          designations.map((d) => (
            <article key={d.id} className="card" aria-label={`${d.iso3} ${d.kind} designation`}>
              <p>
                <strong>
                  {d.iso3} · {d.kind}
                </strong>{' '}
                <span className="badge">{d.status}</span> <span className="muted">proposed by the {d.source}{d.reviewAt ? `, review ${d.reviewAt.slice(0, 10)}` : ''}</span>
              </p>
              <p className="muted">{d.reasons}</p>
              {mayDecide && (d.status === 'proposed' || d.status === 'active') && (
                <div className="appeal-actions">
                  <label>
                    Reasons
                    <textarea rows={2} value={notes[d.id] ?? ''} onChange={(e) => setNotes({ ...notes, [d.id]: e.target.value })} />
                  </label>
                  {d.status === 'proposed' ? (
                    <>
                      <button type="button" onClick={() => decide(d.id, 'approve')}>Approve</button>
                      <button type="button" className="secondary" onClick={() => decide(d.id, 'reject')}>Reject</button>
                    </>
                  ) : (
                    <button type="button" className="secondary" onClick={() => decide(d.id, 'end')}>End</button>
                  )}
                </div>
              )}
            </article>
          ))
        )}
        <FiguresSection mayVerify={session?.permissions.includes('figures.verify') ?? false} />
        <h2>Risk signals</h2>
        {latest === undefined ? (
          <p className="loading">Loading…</p>
        ) : latest === null ? (
          <p className="empty">The detector has not run yet. Import events with POST /api/crisis/assessments.</p>
        ) : (
          <>
            <p className="muted">As of {latest.asOf}: weekly political-violence events over 56 weeks; the shaded band is each country's own baseline ± scale.</p>
            <table aria-label="Countries">
              <thead>
                <tr>
                  <th scope="col">Country</th>
                  <th scope="col">Weekly political violence</th>
                  <th scope="col">Acute</th>
                  <th scope="col">Chronic</th>
                  <th scope="col">Designation</th>
                </tr>
              </thead>
              <tbody>
                {latest.countries.map((c) => (
                  <tr key={c.iso3} title={c.explanation}>
                    <td>{c.iso3}</td>
                    <td>
                      <Sparkline label={`Weekly political violence in ${c.iso3}`} weekly={latest.series[c.iso3] ?? []} baseline={c.acute.baseline} scale={c.acute.scale} flagged={c.acute.flag} />
                    </td>
                    <td>{c.acute.flag ? <span className="badge">spike: {c.acute.observed} vs {c.acute.baseline}</span> : `${c.acute.observed} vs ${c.acute.baseline}`}</td>
                    <td>
                      {c.chronic.flag ? <span className="badge">chronic</span> : '—'} <span className="muted">rate {c.chronic.rate}{latest.perMillion ? '/M' : ''}, {c.chronic.civic_space ?? 'civic space unknown'}</span>
                    </td>
                    <td>{live(c.iso3).map((d) => `${d.kind} (${d.status})`).join(', ') || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
    </AreaGate>
  );
}
