import { useState } from 'react';
import type { UserView } from '../../../src/access/contract';
import { Field } from '../forms';

/** A user as GET /api/users lists them, with the platform a liaison acts for. */
export type AdminUser = UserView;

/** Who is who on the admin page: display names by user id, so no one is shown as an id. */
export type People = ReadonlyMap<string, string>;

export const peopleOf = (users: readonly AdminUser[]): People =>
  new Map(users.map((user) => [user.id, user.displayName]));

/** The user an actor (`user:<id>`) or a stream (`user/<id>`) of the log names, if it names one. */
export const userIdIn = (ref: string): string | null => /^user[:/](.+)$/.exec(ref)?.[1] ?? null;

export const when = (iso: string): string =>
  `${new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })} UTC`;

/**
 * A secret the server returns once (a one-time password, a token's secret, a webhook's signing secret): shown
 * with a way to copy it, and a plain warning that it cannot be shown again.
 */
export function ShownOnce({ title, secret, hint }: { title: string; secret: string; hint: string }) {
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <section className="notice" aria-label={title}>
      <h3>{title}</h3>
      <p>
        <code data-secret>{secret}</code>{' '}
        <button type="button" className="secondary" onClick={copy}>
          Copy
        </button>
      </p>
      <p className="muted">
        Shown only now: copy it before leaving this page; it cannot be shown again. {hint}
        {copied === 'yes' && ' Copied to the clipboard.'}
        {copied === 'failed' && ' The browser did not allow copying: select the text and copy it.'}
      </p>
    </section>
  );
}

/** The platform a token, liaison or webhook is for: typed, with the platforms Docket already knows offered. */
export function PlatformField({
  hint,
  value,
  onValue,
  platforms,
}: {
  hint: string;
  value: string;
  onValue: (next: string) => void;
  platforms: readonly string[];
}) {
  return (
    <Field label="Platform" name="/platform" hint={hint}>
      {(props) => (
        <>
          <input {...props} list={`${props.id}-known`} value={value} onChange={(e) => onValue(e.target.value)} />
          <datalist id={`${props.id}-known`}>
            {platforms.map((platform) => (
              <option key={platform} value={platform} />
            ))}
          </datalist>
        </>
      )}
    </Field>
  );
}
