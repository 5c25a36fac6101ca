import { useState, type FormEvent } from 'react';
import type { MastodonConnector, MastodonConnectorList } from '../../../src/mastodon/contract';
import { api, ApiProblem } from '../api';
import { Field, FieldsOf, FormMessages, useSubmission } from '../forms';
import { LoadState, useLoad } from '../load';
import { PlatformField, when } from './adminShared';

/** The Mastodon instances connected to Docket, and a form to connect one (its secrets are never shown again). */
export function MastodonSection({ platforms, onChange }: { platforms: string[]; onChange: () => void }) {
  const connectors = useLoad<MastodonConnectorList>('/api/connectors/mastodon');
  return (
    <>
      <p className="muted">
        A connected Mastodon instance sends its reports to Docket through its admin webhook (Administration &gt;
        Webhooks), signed with the secret given here; each report becomes cases in the queue.
      </p>
      {connectors.state !== 'ready' ? (
        <LoadState load={connectors} />
      ) : connectors.value.connectors.length === 0 ? (
        <p className="empty">No Mastodon instance is connected yet.</p>
      ) : (
        <ConnectorTable connectors={connectors.value.connectors} />
      )}
      <ConnectMastodon
        platforms={platforms}
        onChange={() => {
          connectors.reload();
          onChange();
        }}
      />
    </>
  );
}

function ConnectorTable({ connectors }: { connectors: MastodonConnector[] }) {
  return (
    <table aria-label="Mastodon instances">
      <thead>
        <tr>
          <th scope="col">Platform</th>
          <th scope="col">Instance</th>
          <th scope="col">Webhook URL path</th>
          <th scope="col">Secrets</th>
          <th scope="col">Since</th>
        </tr>
      </thead>
      <tbody>
        {connectors.map((c) => (
          <tr key={c.platform}>
            <td>{c.platform}</td>
            <td>
              <code>{c.baseUrl}</code>
            </td>
            <td>
              <code>{c.webhookPath}</code>
            </td>
            <td>
              {c.hasAccessToken && c.hasWebhookSecret ? 'set (never shown)' : 'missing: connect the instance again'}
            </td>
            <td>{when(c.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ConnectMastodon({ platforms, onChange }: { platforms: string[]; onChange: () => void }) {
  const submission = useSubmission();
  const [platform, setPlatform] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [accessToken, setAccessToken] = useState('');
  const [webhookSecret, setWebhookSecret] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const target = platform.trim();
    if (!target) {
      await submission.run(
        () =>
          Promise.reject(
            new ApiProblem(400, 'validation_failed', 'an instance is connected as a platform', [
              { field: '/platform', message: 'is required' },
            ]),
          ),
        '',
      );
      return;
    }
    const result = await submission.run(
      () =>
        api<MastodonConnector>('PUT', `/api/connectors/mastodon/${encodeURIComponent(target)}`, {
          baseUrl: baseUrl.trim(),
          accessToken: accessToken.trim(),
          webhookSecret,
        }),
      (answer) =>
        `${answer.platform} is connected to ${answer.baseUrl}. In Mastodon, point the admin webhook at ` +
        `${window.location.origin}${answer.webhookPath} with the same secret.`,
    );
    if (!result) return;
    setAccessToken('');
    setWebhookSecret('');
    onChange();
  };

  return (
    <form aria-label="Connect a Mastodon instance" onSubmit={submit} className="panel wide inline-form" noValidate>
      <h3>Connect a Mastodon instance</h3>
      <FormMessages submission={submission} />
      <FieldsOf submission={submission}>
        <PlatformField
          hint="The name Docket knows the instance by. Connecting it again replaces the token and the secret."
          value={platform}
          onValue={setPlatform}
          platforms={platforms}
        />
        <Field label="Instance address" name="/baseUrl" hint="e.g. https://mastodon.example">
          {(props) => <input {...props} type="url" value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} />}
        </Field>
        <Field
          label="Admin access token"
          name="/accessToken"
          hint="From an application with the admin:read and admin:write scopes (Preferences > Development)."
        >
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="off"
              value={accessToken}
              onChange={(e) => setAccessToken(e.target.value)}
            />
          )}
        </Field>
        <Field label="Webhook secret" name="/webhookSecret" hint="The secret of the instance's admin webhook.">
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="new-password"
              value={webhookSecret}
              onChange={(e) => setWebhookSecret(e.target.value)}
            />
          )}
        </Field>
      </FieldsOf>
      <button type="submit" disabled={submission.busy}>
        Connect instance
      </button>
    </form>
  );
}
