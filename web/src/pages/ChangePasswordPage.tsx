import { useState, type FormEvent } from 'react';
import { api, ApiProblem } from '../api';
import { useSession } from '../session';

/** Shown instead of the console while a one-time password is still in use. */
export function ChangePasswordPage() {
  const { reload } = useSession();
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const newPassword = String(form.get('newPassword'));
    if (newPassword !== String(form.get('confirm'))) {
      setError('The new password and its confirmation differ.');
      return;
    }
    try {
      await api<void>('POST', '/api/session/password', {
        currentPassword: String(form.get('currentPassword')),
        newPassword,
      });
      await reload();
    } catch (problem) {
      setError(problem instanceof ApiProblem ? problem.message : 'The server could not be reached. Try again.');
    }
  };

  return (
    <main className="login">
      <form className="panel" onSubmit={submit}>
        <h1>Choose a new password</h1>
        <p>Your password was set for one use only. Choose your own (10 to 200 characters) to continue.</p>
        <label>
          Current password
          <input name="currentPassword" type="password" autoComplete="current-password" required />
        </label>
        <label>
          New password
          <input
            name="newPassword"
            type="password"
            autoComplete="new-password"
            minLength={10}
            maxLength={200}
            required
          />
        </label>
        <label>
          Confirm new password
          <input name="confirm" type="password" autoComplete="new-password" required />
        </label>
        {error && (
          <p role="alert" className="alert">
            {error}
          </p>
        )}
        <button type="submit">Save password</button>
      </form>
    </main>
  );
}
