import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, ApiProblem } from '../api';
import { Field, FieldsOf, FormMessages, useSubmission } from '../forms';
import type { CaseNote, CaseNotes as CaseNoteList } from '../../../src/moderation/contract';
import { when } from './format';

/** Reviewers' internal notes on the case: never shown to the user, never published, never sent to the platform. */
export function CaseNotes({ caseId }: { caseId: string }) {
  const [notes, setNotes] = useState<CaseNote[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const submission = useSubmission();

  const load = useCallback(async () => {
    try {
      setNotes((await api<CaseNoteList>('GET', `/api/cases/${caseId}/notes`)).notes);
    } catch (problem) {
      setLoadError(problem instanceof ApiProblem ? problem.message : 'The server could not be reached.');
    }
  }, [caseId]);
  useEffect(() => {
    void load();
  }, [load]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const added = await submission.run(
      () => api<CaseNote>('POST', `/api/cases/${caseId}/notes`, { text }),
      'Note added. Only reviewers see it.',
    );
    if (!added) return;
    setText('');
    setNotes((current) => [...(current ?? []), added]);
  };

  return (
    <section className="card" aria-label="Internal notes">
      <h2>Internal notes</h2>
      <p className="muted">
        For reviewers only: never in the notice, the statement of reasons, exports or the public record.
      </p>
      {loadError && (
        <p role="alert" className="alert">
          {loadError}
        </p>
      )}
      {notes && notes.length === 0 && <p className="muted">No notes yet.</p>}
      {notes && notes.length > 0 && (
        <ul className="plain" aria-label="Notes">
          {notes.map((note) => (
            <li key={note.id} className="note">
              <p>{note.text}</p>
              <span className="muted">
                {note.author}, {when(note.createdAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <form aria-label="Add a note" onSubmit={submit} className="inline-form" noValidate>
        <FormMessages submission={submission} />
        <FieldsOf submission={submission}>
          <Field label="Note" name="/text">
            {(props) => <textarea {...props} rows={2} value={text} onChange={(e) => setText(e.target.value)} />}
          </Field>
        </FieldsOf>
        <button type="submit" className="secondary" disabled={submission.busy}>
          Add note
        </button>
      </form>
    </section>
  );
}
