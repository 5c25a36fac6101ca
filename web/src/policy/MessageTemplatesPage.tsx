import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { Field, FieldsOf, FormMessages, useSubmission } from '../forms';
import { LoadState, useLoad } from '../load';
import { when } from '../moderation/format';
import type { MessageDefinition, MessageTemplate, MessageTemplateList } from '../../../src/moderation/message-contract';

/**
 * The messages Docket sends to notifiers and affected users, in each shipped language: policy staff edit the
 * template in force (ICU MessageFormat), which the server checks before saving, or revert it to the default.
 */
export function MessageTemplatesPage() {
  const list = useLoad<MessageTemplateList>('/api/message-templates');
  const [language, setLanguage] = useState('en');
  return (
    <section>
      <p>
        <Link to="/console/policies">← Policies</Link>
      </p>
      <h1>Message templates</h1>
      <p className="muted">
        What notifiers and affected users are told: the outcome of a notice, the redress open to them and the summary of
        the statement of reasons. Each goes out in the recipient’s language where it is known, else in the content’s,
        else in English. Templates use ICU MessageFormat: an argument is written <code>{'{ref}'}</code>, a day{' '}
        <code>{'{until, date, long}'}</code>, a choice <code>{'{outcome, select, remove {…} other {…}}'}</code>.
      </p>
      {list.state !== 'ready' ? (
        <LoadState load={list} />
      ) : (
        <>
          <div className="field">
            <label htmlFor="message-language">Language</label>
            <select id="message-language" value={language} onChange={(e) => setLanguage(e.target.value)}>
              {list.value.languages.map((l) => (
                <option key={l.code} value={l.code}>
                  {l.name}
                </option>
              ))}
            </select>
          </div>
          {list.value.messages.map((message) => {
            const template = message.templates.find((t) => t.language === language);
            return template ? (
              <MessageCard
                key={`${message.key}/${language}`}
                message={message}
                template={template}
                onSaved={list.reload}
              />
            ) : null;
          })}
        </>
      )}
    </section>
  );
}

function MessageCard({
  message,
  template,
  onSaved,
}: {
  message: MessageDefinition;
  template: MessageTemplate;
  onSaved: () => void;
}) {
  const [text, setText] = useState(template.text);
  const submission = useSubmission();
  const path = `/api/message-templates/${encodeURIComponent(message.key)}/${template.language}`;
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await submission.run(async () => {
      await api('PUT', path, { text });
      return true;
    }, 'Template saved: the next message uses it.');
    if (saved) onSaved();
  };
  const revert = async () => {
    const done = await submission.run(async () => {
      await api('DELETE', path);
      return true;
    }, 'Back to the default.');
    if (done) {
      setText(template.defaultText);
      onSaved();
    }
  };
  const args = message.arguments.map((a) =>
    a.kind === 'select' ? `{${a.name}}: ${a.values.join(', ')}` : `{${a.name}} (${a.kind})`,
  );
  return (
    <article className="card" aria-label={message.key}>
      <h2>
        <code>{message.key}</code> <span className="muted">{template.overridden ? 'edited' : 'default'}</span>
      </h2>
      <p>{message.description}</p>
      <p className="muted">Arguments: {args.length > 0 ? args.join('; ') : 'none'}.</p>
      {template.overridden && (
        <p className="muted">
          Saved by {template.updatedBy ?? 'someone'}, {when(template.updatedAt ?? '')}.
        </p>
      )}
      <form aria-label={`Edit ${message.key}`} onSubmit={save} className="inline-form" noValidate>
        <FormMessages submission={submission} />
        <FieldsOf submission={submission}>
          <Field label="Template" name="/text">
            {(props) => (
              <textarea
                {...props}
                rows={4}
                lang={template.language}
                value={text}
                onChange={(e) => setText(e.target.value)}
              />
            )}
          </Field>
        </FieldsOf>
        <p className="muted" lang={template.language}>
          Example: <span className="message-preview">{template.preview}</span>
        </p>
        <div className="actions">
          <button type="submit" disabled={submission.busy}>
            Save template
          </button>
          {template.overridden && (
            <button type="button" className="secondary" disabled={submission.busy} onClick={revert}>
              Revert to default
            </button>
          )}
        </div>
      </form>
    </article>
  );
}
