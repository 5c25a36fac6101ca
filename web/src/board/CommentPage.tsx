import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { api } from '../api';
import { day, LoadState, problemText, useLoad } from '../load';

interface PublicCase {
  ref: string;
  title: string;
  country: string | null;
  commentsOpen: boolean;
  commentsCloseAt: string | null;
  commentsClosedEarlyReason: string | null;
  /** The words a late comment is refused with: the page says the same. */
  commentsNotice: string | null;
}

/** The public comment form: no login; the name is published only if the commenter allows it; e-mail never. */
export function CommentPage() {
  const { ref = '' } = useParams();
  const load = useLoad<PublicCase>(`/api/public/board/cases/${encodeURIComponent(ref)}`);
  const [form, setForm] = useState({ name: '', organisation: '', email: '', anonymous: false, body: '', website: '' });
  const [thanks, setThanks] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const answer = await api<{ message: string }>('POST', `/api/public/board/cases/${encodeURIComponent(ref)}/comments`, {
        anonymous: form.anonymous,
        body: form.body,
        ...(form.name.trim() ? { name: form.name } : {}),
        ...(form.organisation.trim() ? { organisation: form.organisation } : {}),
        ...(form.email.trim() ? { email: form.email } : {}),
        ...(form.website ? { website: form.website } : {}),
      });
      setThanks(answer.message);
    } catch (problem) {
      setError(problemText(problem));
    }
  };
  return (
    <main className="public-main">
      {load.state !== 'ready' ? <LoadState load={load} /> : (
        <section>
          <h1>Public comment on {load.value.ref}</h1>
          <p>{load.value.title}{load.value.country ? ` (${load.value.country})` : ''}</p>
          {!load.value.commentsOpen ? (
            <p className="empty">{sentence(load.value.commentsNotice ?? 'public comments are closed')}.{load.value.commentsClosedEarlyReason ? ` ${load.value.commentsClosedEarlyReason}` : ''}</p>
          ) : thanks ? (
            <p role="status" className="notice">{thanks}</p>
          ) : (
            <form aria-label="Public comment" onSubmit={submit} className="card">
              <p className="muted">Open until {day(load.value.commentsCloseAt)}. Comments are published with the board's decision after moderation.</p>
              <label>Name <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></label>
              <label>Organisation (optional) <input value={form.organisation} onChange={(e) => setForm({ ...form, organisation: e.target.value })} /></label>
              <label>E-mail (optional, never published) <input type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} /></label>
              <label className="inline"><input type="checkbox" checked={form.anonymous} onChange={(e) => setForm({ ...form, anonymous: e.target.checked })} /> Publish my comment without my name</label>
              <label>Comment <textarea rows={8} value={form.body} onChange={(e) => setForm({ ...form, body: e.target.value })} /></label>
              <label className="honeypot" aria-hidden="true">Website <input tabIndex={-1} autoComplete="off" value={form.website} onChange={(e) => setForm({ ...form, website: e.target.value })} /></label>
              {error && <p role="alert" className="alert">{error}</p>}
              <button type="submit">Send comment</button>
            </form>
          )}
        </section>
      )}
    </main>
  );
}

const sentence = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
