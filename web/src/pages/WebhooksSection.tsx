import { useState, type FormEvent } from 'react';
import type { Delivery, DeliveryList, EndpointSet, WebhookEndpointList } from '../../../src/webhooks/contract';
import { api, ApiProblem } from '../api';
import { Field, FieldsOf, FormMessages, useSubmission } from '../forms';
import { LoadState, useLoad } from '../load';
import { PlatformField, ShownOnce, when } from './adminShared';

const SIGNING_HINT =
  'The platform checks the x-docket-signature header of every webhook with it (HMAC-SHA256 over the timestamp and the body).';

/** Where each platform receives Docket's webhooks, a form to set it, and every delivery attempt. */
export function WebhooksSection({ platforms, onChange }: { platforms: string[]; onChange: () => void }) {
  const endpoints = useLoad<WebhookEndpointList>('/api/webhooks');
  const [platformShown, setPlatformShown] = useState('');
  const deliveries = useLoad<DeliveryList>(
    `/api/webhooks/deliveries?limit=50${platformShown ? `&platform=${encodeURIComponent(platformShown)}` : ''}`,
  );
  const configured = endpoints.state === 'ready' ? endpoints.value.endpoints : [];
  const known = [...new Set([...platforms, ...configured.map((e) => e.platform)])].sort();

  return (
    <>
      <p className="muted">
        Docket posts each platform its decisions, reversals, closed appeals and board outcomes (the x-docket-event
        header names which), signed with the platform’s secret, and retries with growing delays for as long as the
        platform does not answer 2xx. A connected Mastodon instance’s admin API calls go out the same way, and the
        deliveries below list them with the webhooks, together with what Docket could not ask of the instance.
      </p>
      {endpoints.state !== 'ready' ? (
        <LoadState load={endpoints} />
      ) : configured.length === 0 ? (
        <p className="empty">No platform receives webhooks yet.</p>
      ) : (
        <table aria-label="Webhook endpoints">
          <thead>
            <tr>
              <th scope="col">Platform</th>
              <th scope="col">URL</th>
              <th scope="col">Since</th>
            </tr>
          </thead>
          <tbody>
            {configured.map((endpoint) => (
              <tr key={endpoint.platform}>
                <td>{endpoint.platform}</td>
                <td>
                  <code>{endpoint.url}</code>
                </td>
                <td>{when(endpoint.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <SetEndpoint
        platforms={known}
        onChange={() => {
          endpoints.reload();
          onChange();
        }}
      />
      <h3>Deliveries: webhooks and connector calls</h3>
      <label className="inline">
        Platform
        <select value={platformShown} onChange={(e) => setPlatformShown(e.target.value)}>
          <option value="">All platforms</option>
          {known.map((platform) => (
            <option key={platform} value={platform}>
              {platform}
            </option>
          ))}
        </select>
      </label>
      {deliveries.state !== 'ready' ? (
        <LoadState load={deliveries} />
      ) : (
        <DeliveriesTable deliveries={deliveries.value.deliveries} />
      )}
    </>
  );
}

function SetEndpoint({ platforms, onChange }: { platforms: string[]; onChange: () => void }) {
  const submission = useSubmission();
  const [platform, setPlatform] = useState('');
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [generated, setGenerated] = useState<{ platform: string; secret: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setGenerated(null);
    const target = platform.trim();
    if (!target) {
      // The platform is part of the address, not the body: say so here rather than send a request to nowhere.
      await submission.run(
        () =>
          Promise.reject(
            new ApiProblem(400, 'validation_failed', 'a webhook needs its platform', [
              { field: '/platform', message: 'is required' },
            ]),
          ),
        '',
      );
      return;
    }
    const result = await submission.run(
      () =>
        api<EndpointSet>('PUT', `/api/webhooks/${encodeURIComponent(target)}`, {
          url: url.trim(),
          ...(secret ? { secret } : {}),
        }),
      (answer) =>
        `${answer.platform} now receives webhooks at ${answer.url}.${answer.secret ? ' Copy its signing secret below.' : ''}`,
    );
    if (!result) return;
    if (result.secret) setGenerated({ platform: result.platform, secret: result.secret });
    setUrl('');
    setSecret('');
    onChange();
  };

  return (
    <form aria-label="Set a platform's webhook" onSubmit={submit} className="panel wide inline-form" noValidate>
      <h3>Set a platform’s webhook</h3>
      <FormMessages submission={submission} />
      {generated && (
        <ShownOnce title={`Signing secret for ${generated.platform}`} secret={generated.secret} hint={SIGNING_HINT} />
      )}
      <FieldsOf submission={submission}>
        <PlatformField
          hint="Setting it again replaces the URL and the secret."
          value={platform}
          onValue={setPlatform}
          platforms={platforms}
        />
        <Field label="URL" name="/url" hint="The https address on the platform that receives the POSTs.">
          {(props) => <input {...props} type="url" value={url} onChange={(e) => setUrl(e.target.value)} />}
        </Field>
        <Field
          label="Signing secret"
          name="/secret"
          hint="Leave empty to have one generated and shown once; your own must be at least 24 characters."
        >
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="new-password"
              value={secret}
              onChange={(e) => setSecret(e.target.value)}
            />
          )}
        </Field>
      </FieldsOf>
      <button type="submit" disabled={submission.busy}>
        Save webhook
      </button>
    </form>
  );
}

const STATE_WORDS: Record<Delivery['state'], string> = {
  delivered: 'delivered',
  retrying: 'retrying',
  failed: 'failed',
  not_sent: 'not sent',
};

/**
 * Every attempt to send a message (a webhook, or a connector's call), newest first, with what it was for; a
 * message that was never sent (what the platform cannot do) has no attempt, and its Answer says why.
 */
function DeliveriesTable({ deliveries }: { deliveries: Delivery[] }) {
  if (deliveries.length === 0) return <p className="empty">Nothing has been sent to a platform yet.</p>;
  return (
    <table aria-label="Webhook deliveries">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Platform</th>
          <th scope="col">Event or call</th>
          <th scope="col">Attempt</th>
          <th scope="col">Answer</th>
          <th scope="col">State</th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((d) => (
          <tr key={`${d.messageId}-${d.attempt}`}>
            <td>{when(d.at)}</td>
            <td>{d.platform}</td>
            <td>
              {d.purpose ?? d.type}
              {d.purpose ? <span className="muted"> ({d.type})</span> : null}
            </td>
            <td className="num">{d.attempt === 0 ? 'none' : d.attempt}</td>
            <td>
              {d.status ?? d.error ?? '—'}
              {d.status && d.error ? ` (${d.error})` : ''}
              {d.attempt > 0 ? <span className="muted"> in {d.durationMs} ms</span> : null}
            </td>
            <td>
              {STATE_WORDS[d.state]}
              {d.nextAttemptAt ? `, next try ${when(d.nextAttemptAt)}` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
