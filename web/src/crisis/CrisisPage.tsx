import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, ApiProblem } from '../api';
import { countryOf } from '../names';
import { problemText } from '../load';
import { AreaGate } from '../pages/AreaGate';
import { useSession } from '../session';
import { DesignationCard } from './DesignationCard';
import { FiguresSection } from './FiguresSection';
import { ProposeDesignationForm } from './ProposeDesignationForm';
import { Sparkline } from './Sparkline';
import type { Designation, DesignationList, LatestAssessment } from '../../../src/crisis/contract';
import type { Permission } from '../../../src/access/contract';
import type { NameOf } from './labels';

/** Countries' risk signals with their charts, the designation workflow, and the public-figure protocol. */
export function CrisisPage() {
  const { session } = useSession();
  const may = (permission: Permission) => session?.permissions.includes(permission) ?? false;
  const [latest, setLatest] = useState<LatestAssessment | null | undefined>(undefined);
  const [designations, setDesignations] = useState<Designation[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setDesignations((await api<DesignationList>('GET', '/api/designations')).designations);
    try {
      setLatest(await api<LatestAssessment>('GET', '/api/crisis/latest'));
    } catch (problem) {
      if (problem instanceof ApiProblem && problem.status === 404) setLatest(null);
      else throw problem;
    }
  }, []);
  const reload = useCallback(() => {
    load().catch((problem: unknown) => setError(problemText(problem)));
  }, [load]);
  useEffect(reload, [reload]);

  // Codes the standard does not assign (e.g. QKB) are named as the server knows them: from the crisis signals.
  const known = useMemo(() => {
    const names = new Map<string, string>();
    for (const c of latest?.countries ?? []) if (c.name && c.name !== c.iso3) names.set(c.iso3, c.name);
    for (const d of designations) if (d.countryName !== d.iso3) names.set(d.iso3, d.countryName);
    return names;
  }, [latest, designations]);
  const nameOf: NameOf = useCallback((iso3) => (iso3 ? (known.get(iso3) ?? countryOf(iso3)) : '—'), [known]);
  const live = (iso3: string) =>
    designations.filter((d) => d.iso3 === iso3 && (d.status === 'active' || d.status === 'proposed'));
  const now = new Date();

  return (
    <AreaGate area="crisis">
      <section>
        <h1>Crisis</h1>
        {error && (
          <p role="alert" className="alert">
            {error}
          </p>
        )}
        <h2>Designations</h2>
        {designations.length === 0 ? (
          <p className="empty">No designations yet.</p>
        ) : (
          designations.map((d) => (
            <DesignationCard
              key={d.id}
              designation={d}
              mayDecide={may('designations.decide')}
              now={now}
              onChanged={reload}
            />
          ))
        )}
        {may('crisis.work') && <ProposeDesignationForm known={known} nameOf={nameOf} onProposed={reload} />}
        <FiguresSection mayVerify={may('figures.verify')} nameOf={nameOf} />
        <h2>Risk signals</h2>
        <RiskSignals latest={latest} nameOf={nameOf} live={live} />
      </section>
    </AreaGate>
  );
}

/** The detector's latest assessment: each country's weekly political violence against its baseline, and its flags. */
function RiskSignals({
  latest,
  nameOf,
  live,
}: {
  latest: LatestAssessment | null | undefined;
  nameOf: NameOf;
  /** The country's designations in force or proposed. */
  live: (iso3: string) => Designation[];
}) {
  return latest === undefined ? (
    <p className="loading">Loading…</p>
  ) : latest === null ? (
    <p className="empty">The detector has not run yet. Import events with POST /api/crisis/assessments.</p>
  ) : (
    <>
      <p className="muted">
        As of {latest.asOf}: weekly political-violence events over 56 weeks; the shaded band is each country's own
        baseline ± scale.
      </p>
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
              <td>{nameOf(c.iso3)}</td>
              <td>
                <Sparkline
                  label={`Weekly political violence in ${c.iso3}`}
                  weekly={latest.series[c.iso3] ?? []}
                  baseline={c.acute.baseline}
                  scale={c.acute.scale}
                  flagged={c.acute.flag}
                />
              </td>
              <td>
                {c.acute.flag ? (
                  <span className="badge">
                    spike: {c.acute.observed} vs {c.acute.baseline}
                  </span>
                ) : (
                  `${c.acute.observed} vs ${c.acute.baseline}`
                )}
              </td>
              <td>
                {c.chronic.flag ? <span className="badge">chronic</span> : '—'}{' '}
                <span className="muted">
                  rate {c.chronic.rate}
                  {latest.perMillion ? '/M' : ''}, {c.chronic.civic_space ?? 'civic space unknown'}
                </span>
              </td>
              <td>
                {live(c.iso3)
                  .map((d) => `${d.kind} (${d.status})`)
                  .join(', ') || '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
