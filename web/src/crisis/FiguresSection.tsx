import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, ApiProblem } from '../api';

interface Figure {
  platform: string;
  accountRef: string;
  kind: string;
  name: string;
  country: string | null;
  note: string;
  verifiedAt: string;
}
interface Restriction {
  id: string;
  platform: string;
  accountRef: string;
  tier: number;
  context: string;
  status: 'active' | 'review_due' | 'lifted' | 'lapsed';
  reason: string;
  startsAt: string;
  endsAt: string;
}

const KINDS = ['head_of_state', 'head_of_government', 'minister', 'legislator', 'candidate', 'official', 'other'];
const day = (iso: string) => iso.slice(0, 10);

/** The public-figure registry and each account's restrictions under the protocol, as a timeline. */
export function FiguresSection({ mayVerify }: { mayVerify: boolean }) {
  const [figures, setFigures] = useState<Figure[]>([]);
  const [restrictions, setRestrictions] = useState<Restriction[]>([]);
  const [form, setForm] = useState({ platform: '', accountRef: '', kind: 'head_of_government', name: '', country: '', note: '' });
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    // Both answers land together, so a figure never shows with an empty timeline that is still loading.
    const [figureList, restrictionList] = await Promise.all([api<{ figures: Figure[] }>('GET', '/api/figures'), api<{ restrictions: Restriction[] }>('GET', '/api/restrictions')]);
    setFigures(figureList.figures);
    setRestrictions(restrictionList.restrictions);
  }, []);
  useEffect(() => {
    load().catch(() => setError('The server could not be reached.'));
  }, [load]);

  const verify = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await api('POST', '/api/figures', { ...form, country: form.country || undefined });
      setForm({ ...form, accountRef: '', name: '', note: '' });
      await load();
    } catch (problem) {
      setError(problem instanceof ApiProblem ? problem.message : 'The server could not be reached.');
    }
  };

  return (
    <>
      <h2>Public figures</h2>
      {error && <p role="alert" className="alert">{error}</p>}
      {figures.length === 0 ? (
        <p className="empty">No verified public figures.</p>
      ) : (
        <table aria-label="Public figures">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Country</th>
              <th scope="col">Account</th>
              <th scope="col">Restrictions</th>
            </tr>
          </thead>
          <tbody>
            {figures.map((f) => (
              <tr key={`${f.platform}/${f.accountRef}`}>
                <td>{f.name}</td>
                <td>{f.kind.replace(/_/g, ' ')}</td>
                <td>{f.country ?? '—'}</td>
                <td>
                  <code>
                    {f.platform}/{f.accountRef}
                  </code>
                </td>
                <td>
                  <ol className="timeline" aria-label={`Restrictions of ${f.name}`}>
                    {restrictions
                      .filter((r) => r.platform === f.platform && r.accountRef === f.accountRef)
                      .map((r) => (
                        <li key={r.id}>
                          tier {r.tier}, {day(r.startsAt)} → {day(r.endsAt)} ({r.status.replace('_', ' ')}, {r.context})
                        </li>
                      ))}
                  </ol>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mayVerify && (
        <form className="panel wide" aria-label="Verify a public figure" onSubmit={verify}>
          <h3>Verify a public figure</h3>
          <label>
            Platform
            <input value={form.platform} onChange={(e) => setForm({ ...form, platform: e.target.value })} required />
          </label>
          <label>
            Account
            <input value={form.accountRef} onChange={(e) => setForm({ ...form, accountRef: e.target.value })} required />
          </label>
          <label>
            Name
            <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required />
          </label>
          <label>
            Role
            <select value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {k.replace(/_/g, ' ')}
                </option>
              ))}
            </select>
          </label>
          <label>
            Country (ISO alpha-3)
            <input value={form.country} maxLength={3} onChange={(e) => setForm({ ...form, country: e.target.value.toUpperCase() })} />
          </label>
          <label>
            How it was verified
            <textarea rows={2} value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} required />
          </label>
          <button type="submit">Verify</button>
        </form>
      )}
    </>
  );
}
