import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { api } from '../api';
import { Field, FieldsOf, FormMessages, useSubmission } from '../forms';
import { day, LoadState, useLoad } from '../load';
import type { PublicBoardCase as PublicCase } from '../../../src/board/contract';

/** The public comment form: no login; the name is published only if the commenter allows it; e-mail never. */
export function CommentPage() {
  const { ref = '' } = useParams();
  const load = useLoad<PublicCase>(`/api/public/board/cases/${encodeURIComponent(ref)}`);
  const [form, setForm] = useState({ name: '', organisation: '', email: '', anonymous: false, body: '', website: '' });
  const submission = useSubmission();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await submission.run(
      () =>
        api<{ message: string }>('POST', `/api/public/board/cases/${encodeURIComponent(ref)}/comments`, {
          anonymous: form.anonymous,
          body: form.body,
          ...(form.name.trim() ? { name: form.name } : {}),
          ...(form.organisation.trim() ? { organisation: form.organisation } : {}),
          ...(form.email.trim() ? { email: form.email } : {}),
          ...(form.website ? { website: form.website } : {}),
        }),
      (answer) => answer.message,
    );
  };
  const text = (key: 'name' | 'organisation' | 'email' | 'body' | 'website') => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });
  // The public page of the case is rendered by the server (it reads without JavaScript): a plain link.
  const backToCase = <a href={`/decisions/${encodeURIComponent(ref)}`}>Back to case {ref}</a>;
  return (
    <main className="public-main">
      {load.state !== 'ready' ? (
        <LoadState load={load} />
      ) : (
        <section>
          <h1>Public comment on {load.value.ref}</h1>
          <p>
            {load.value.title}
            {load.value.country ? ` (${load.value.country})` : ''}
          </p>
          {load.value.question && (
            <section aria-label="The question put to the board">
              <h2>The question put to the board</h2>
              <blockquote className="question">{load.value.question}</blockquote>
            </section>
          )}
          {!load.value.commentsOpen ? (
            <>
              <p className="empty">
                {sentence(load.value.commentsNotice ?? 'public comments are closed')}.
                {load.value.commentsClosedEarlyReason ? ` ${load.value.commentsClosedEarlyReason}` : ''}
              </p>
              <p>{backToCase}</p>
            </>
          ) : submission.success ? (
            <>
              <FormMessages submission={submission} />
              <p>{backToCase}</p>
            </>
          ) : (
            <form aria-label="Public comment" onSubmit={submit} className="card" noValidate>
              <p className="muted">
                Open until {day(load.value.commentsCloseAt)}. Comments are published with the board's decision after
                moderation.
              </p>
              <FormMessages submission={submission} />
              <FieldsOf submission={submission}>
                <Field label="Name" name="/name">
                  {(props) => <input {...props} {...text('name')} />}
                </Field>
                <Field label="Organisation (optional)" name="/organisation">
                  {(props) => <input {...props} {...text('organisation')} />}
                </Field>
                <Field label="E-mail (optional, never published)" name="/email">
                  {(props) => <input {...props} type="email" {...text('email')} />}
                </Field>
                <Field label="Publish my comment without my name" name="/anonymous">
                  {(props) => (
                    <input
                      {...props}
                      type="checkbox"
                      checked={form.anonymous}
                      onChange={(e) => setForm({ ...form, anonymous: e.target.checked })}
                    />
                  )}
                </Field>
                <Field
                  label="Comment"
                  name="/body"
                  hint={load.value.question ? 'Your answer to the question above, with your reasons.' : undefined}
                >
                  {(props) => <textarea {...props} rows={8} {...text('body')} />}
                </Field>
              </FieldsOf>
              <label className="honeypot" aria-hidden="true">
                Website <input tabIndex={-1} autoComplete="off" {...text('website')} />
              </label>
              <button type="submit" disabled={submission.busy}>
                Send comment
              </button>
            </form>
          )}
        </section>
      )}
    </main>
  );
}

const sentence = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
