import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, ApiProblem } from '../api';
import { Field, FieldsOf, FormMessages, useSubmission } from '../forms';
import { AreaGate } from '../pages/AreaGate';
import { useSession } from '../session';
import type { NoticeTemplate, NoticeTemplates as NoticeTemplateList } from '../../../src/moderation/contract';
import type { PolicyVersion } from '../../../src/policy/contract';
import { when } from './format';

const templatesOf = (query: string) =>
  api<NoticeTemplateList>('GET', `/api/notice-templates${query}`).then((r) => r.templates);

/** In the decision form: start the statement of facts from one of the team's templates for this section. */
export function TemplatePicker({
  policyId,
  sectionId,
  onPick,
}: {
  policyId: string;
  sectionId: string | undefined;
  onPick: (text: string) => void;
}) {
  const [templates, setTemplates] = useState<NoticeTemplate[]>([]);
  const [chosen, setChosen] = useState('');
  useEffect(() => {
    setChosen('');
    if (!policyId || !sectionId) return setTemplates([]);
    let current = true;
    templatesOf(`?${new URLSearchParams({ policyId, sectionId })}`).then(
      (list) => current && setTemplates(list),
      () => current && setTemplates([]),
    );
    return () => {
      current = false;
    };
  }, [policyId, sectionId]);
  if (templates.length === 0) return null;
  return (
    <div className="field">
      <label htmlFor="notice-template">Start from a template</label>
      <select
        id="notice-template"
        value={chosen}
        onChange={(e) => {
          setChosen(e.target.value);
          const template = templates.find((t) => t.id === e.target.value);
          if (template) onPick(template.text);
        }}
      >
        <option value="">Choose a template for this section</option>
        {templates.map((t) => (
          <option key={t.id} value={t.id}>
            {t.title}
          </option>
        ))}
      </select>
      <span className="hint">
        The template's text replaces the statement below; edit it for this case before recording.
      </span>
    </div>
  );
}

/** The team's notice templates: everyone in the queue reads them; senior reviewers and policy staff keep them. */
export function NoticeTemplatesPage() {
  const { session } = useSession();
  const keeper = session?.user.roles.some((r) => r === 'senior_reviewer' || r === 'policy') ?? false;
  const [templates, setTemplates] = useState<NoticeTemplate[] | null>(null);
  const [policies, setPolicies] = useState<PolicyVersion[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setTemplates(await templatesOf(''));
    } catch (problem) {
      setError(problem instanceof ApiProblem ? problem.message : 'The server could not be reached.');
    }
  }, []);
  useEffect(() => {
    void load();
    api<{ policies: PolicyVersion[] }>('GET', '/api/policies').then(
      (r) => setPolicies(r.policies),
      () => setError('The policy library could not be loaded.'),
    );
  }, [load]);
  const sectionName = (t: NoticeTemplate) => {
    const policy = policies.find((p) => p.policyId === t.policyId);
    const section = policy?.sections.find((s) => s.id === t.sectionId);
    return policy && section ? `${policy.title}: ${section.title}` : `${t.policyId}/${t.sectionId}`;
  };

  return (
    <AreaGate area="queue">
      <section>
        <p>
          <Link to="/console/queue">← Queue</Link>
        </p>
        <h1>Notice templates</h1>
        <p className="muted">
          Saved statements of facts, per policy section. Reviewers start a decision from one and edit it for the case.
          {keeper ? '' : ' Senior reviewers and policy staff keep them.'}
        </p>
        {error && (
          <p role="alert" className="alert">
            {error}
          </p>
        )}
        {keeper && <NewTemplate policies={policies} onSaved={load} />}
        {templates && templates.length === 0 && <p className="empty">No templates yet.</p>}
        {templates?.map((t) => (
          <article key={t.id} className="card" aria-label={t.title}>
            <h2>{t.title}</h2>
            <p className="muted">
              {sectionName(t)} · last written by {t.updatedBy ?? 'someone'}, {when(t.updatedAt)}
            </p>
            {keeper ? <EditTemplate template={t} onSaved={load} /> : <p>{t.text}</p>}
          </article>
        ))}
      </section>
    </AreaGate>
  );
}

function NewTemplate({ policies, onSaved }: { policies: PolicyVersion[]; onSaved: () => Promise<void> }) {
  const [policyId, setPolicyId] = useState('');
  const [sectionId, setSectionId] = useState('');
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const submission = useSubmission();
  const policy = policies.find((p) => p.policyId === policyId);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await submission.run(
      () => api<NoticeTemplate>('POST', '/api/notice-templates', { policyId, sectionId, title, text }),
      (t) => `Template "${t.title}" saved.`,
    );
    if (!saved) return;
    setTitle('');
    setText('');
    await onSaved();
  };
  return (
    <form aria-label="New template" onSubmit={submit} className="panel wide" noValidate>
      <h2>New template</h2>
      <FormMessages submission={submission} />
      <FieldsOf submission={submission}>
        <Field label="Policy" name="/policyId">
          {(props) => (
            <select
              {...props}
              value={policyId}
              onChange={(e) => {
                setPolicyId(e.target.value);
                setSectionId(policies.find((p) => p.policyId === e.target.value)?.sections[0]?.id ?? '');
              }}
            >
              <option value="">Choose a policy</option>
              {policies.map((p) => (
                <option key={p.policyId} value={p.policyId}>
                  {p.title}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Section" name="/sectionId">
          {(props) => (
            <select {...props} value={sectionId} onChange={(e) => setSectionId(e.target.value)}>
              {!policy && <option value="">Choose a policy first</option>}
              {policy?.sections.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TemplateTextFields title={title} text={text} onTitle={setTitle} onText={setText} />
      </FieldsOf>
      <button type="submit" disabled={submission.busy}>
        Save template
      </button>
    </form>
  );
}

function EditTemplate({ template, onSaved }: { template: NoticeTemplate; onSaved: () => Promise<void> }) {
  const [title, setTitle] = useState(template.title);
  const [text, setText] = useState(template.text);
  const submission = useSubmission();
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await submission.run(
      () => api<NoticeTemplate>('PATCH', `/api/notice-templates/${template.id}`, { title, text }),
      'Template saved.',
    );
    if (saved) await onSaved();
  };
  const retire = async () => {
    const done = await submission.run(async () => {
      await api('DELETE', `/api/notice-templates/${template.id}`);
      return true;
    }, 'Template retired.');
    if (done) await onSaved();
  };
  return (
    <form aria-label={`Edit ${template.title}`} onSubmit={save} className="inline-form" noValidate>
      <FormMessages submission={submission} />
      <FieldsOf submission={submission}>
        <TemplateTextFields title={title} text={text} onTitle={setTitle} onText={setText} />
      </FieldsOf>
      <div className="actions">
        <button type="submit" disabled={submission.busy}>
          Save changes
        </button>
        <button type="button" className="secondary" disabled={submission.busy} onClick={retire}>
          Retire
        </button>
      </div>
    </form>
  );
}

/** A template's title and text, as both the new-template and the edit form ask for them. */
function TemplateTextFields({
  title,
  text,
  onTitle,
  onText,
}: {
  title: string;
  text: string;
  onTitle: (value: string) => void;
  onText: (value: string) => void;
}) {
  return (
    <>
      <Field label="Title" name="/title">
        {(props) => <input {...props} value={title} onChange={(e) => onTitle(e.target.value)} />}
      </Field>
      <Field label="Statement of facts" name="/text">
        {(props) => <textarea {...props} rows={4} value={text} onChange={(e) => onText(e.target.value)} />}
      </Field>
    </>
  );
}
