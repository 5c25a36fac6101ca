import { createContext, useCallback, useContext, useId, useState, type ReactNode } from 'react';
import { ApiProblem } from './api';

/**
 * One way for every console form to show what happened: a problem next to the field it concerns, named by the
 * label on screen ("Statement of facts must be at least 10 characters long"), never by a JSON pointer; a problem
 * that concerns no field above the form; and a confirmation once the action succeeded.
 */
export interface Submission {
  busy: boolean;
  /** The problem that concerns the whole form (or the summary when fields are marked). */
  error: string | null;
  /** Field problems by JSON pointer (`/note`), each a phrase to follow the field's label. */
  fields: Readonly<Record<string, string>>;
  /** The confirmation of the last action that succeeded. */
  success: string | null;
  /**
   * Runs an action: clears earlier messages, then shows `success` (a sentence, or one made from the answer) or the
   * problem. Answers the action's result, or undefined when it failed.
   */
  run<T>(action: () => Promise<T>, success: string | ((result: T) => string)): Promise<T | undefined>;
  /** Forgets the messages (e.g. when the form is closed). */
  clear(): void;
}

export function useSubmission(): Submission {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [success, setSuccess] = useState<string | null>(null);
  const clear = useCallback(() => {
    setError(null);
    setFields({});
    setSuccess(null);
  }, []);
  const run = useCallback(
    async <T,>(action: () => Promise<T>, done: string | ((result: T) => string)): Promise<T | undefined> => {
      clear();
      setBusy(true);
      try {
        const result = await action();
        setSuccess(typeof done === 'string' ? done : done(result));
        return result;
      } catch (problem) {
        if (problem instanceof ApiProblem && problem.fields.length > 0) {
          const byField: Record<string, string> = {};
          for (const f of problem.fields) byField[f.field] ??= f.message;
          setFields(byField);
          setError(
            problem.fields.length === 1 ? 'Please correct the marked field.' : 'Please correct the marked fields.',
          );
        } else {
          setError(
            problem instanceof ApiProblem
              ? sentence(problem.message)
              : 'The server could not be reached. Nothing was changed; try again.',
          );
        }
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [clear],
  );
  return { busy, error, fields, success, run, clear };
}

/** Server details are written lower-case for logs; on screen they start with a capital and end with a stop. */
export const sentence = (text: string): string => {
  const trimmed = text.trim();
  if (!trimmed) return trimmed;
  const first = trimmed[0]!.toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
};

const FormContext = createContext<Submission | null>(null);

/** The form's messages: the general problem (role=alert) and the confirmation (role=status). */
export function FormMessages({ submission }: { submission: Submission }) {
  return (
    <>
      {submission.error && (
        <p role="alert" className="alert">
          {submission.error}
        </p>
      )}
      {submission.success && (
        <p role="status" className="status">
          {submission.success}
        </p>
      )}
    </>
  );
}

/** Gives the `Field`s inside it the submission whose field problems they show. */
export function FieldsOf({ submission, children }: { submission: Submission; children: ReactNode }) {
  return <FormContext.Provider value={submission}>{children}</FormContext.Provider>;
}

/**
 * A labelled control. `name` is the JSON pointer of the value in the request body (`/note`); a problem the
 * server reports for it shows under the control as "<label> <problem>", and the control is marked invalid.
 */
export function Field({
  label,
  name,
  hint,
  children,
}: {
  label: string;
  name: string;
  hint?: string;
  children: (props: FieldProps) => ReactNode;
}) {
  const submission = useContext(FormContext);
  const id = useId();
  const problem = submission?.fields[name];
  const described = [hint ? `${id}-hint` : null, problem ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={problem ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': problem ? true : undefined, 'aria-describedby': described })}
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {problem && (
        <span id={`${id}-error`} className="field-error">
          {label} {problem}
        </span>
      )}
    </div>
  );
}

export interface FieldProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}
