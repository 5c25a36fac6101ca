import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { problemText } from '../load';
import { Field, FieldsOf, FormMessages, useSubmission } from '../forms';
import { CONTENT_OUTCOMES } from '../../../src/core/outcomes';
import { KEYWORDS, STATEMENT_CATEGORIES } from '../../../src/core/dsa-tdb-enums';
import type { PolicySection, PolicyVersion } from '../../../src/policy/contract';
import { OUTCOME_LABELS, when } from '../moderation/format';

/**
 * The policy library: every policy's current version and its history. Policy staff edit a policy and publish
 * the next version. (The public reads the library on the server-rendered /policies pages.)
 */
export function PoliciesPage() {
  const [policies, setPolicies] = useState<PolicyVersion[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setPolicies((await api<{ policies: PolicyVersion[] }>('GET', '/api/policies')).policies);
    } catch (problem) {
      setError(problemText(problem));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section>
      <h1>Policies</h1>
      <p className="muted">
        Each decision cites the policy section and the version it applied. Earlier versions stay published.
      </p>
      <p>
        <Link to="/console/policies/messages">Message templates</Link>: what notifiers and affected users are told, in
        each language.
      </p>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      {!policies ? (
        <p className="loading">Loading…</p>
      ) : (
        policies.map((policy) => (
          <article className="card policy" key={policy.policyId} aria-label={policy.title}>
            <div className="page-head">
              <h2>
                {policy.title} <span className="muted">version {policy.version}</span>
              </h2>
              <button
                type="button"
                className="secondary"
                onClick={() => setOpen(open === policy.policyId ? null : policy.policyId)}
              >
                {open === policy.policyId ? 'Close' : 'Edit'}
              </button>
            </div>
            <p>{policy.summary}</p>
            <p className="muted">DSA statement category: {categoryLabel(policy.dsaCategory)}</p>
            <ul className="plain">
              {policy.sections.map((s) => (
                <li key={s.id}>
                  <strong>{s.title}</strong>{' '}
                  <span className="muted">
                    ({s.id}, severity {s.severity}
                    {s.severe ? ', severe: no strike ladder' : ''})
                  </span>
                  : {s.text}
                  {(s.dsaKeywords ?? []).length > 0 && <span className="muted"> DSA keywords: {keywordsText(s)}.</span>}
                  {(s.legalReferences ?? []).length > 0 && (
                    <span className="muted"> Laws: {(s.legalReferences ?? []).join('; ')}.</span>
                  )}
                </li>
              ))}
            </ul>
            {open === policy.policyId && <PolicyDetail policy={policy} onPublished={load} />}
          </article>
        ))
      )}
    </section>
  );
}

/** A policy's editor, which publishes the next version, and the history of its versions. */
function PolicyDetail({ policy, onPublished }: { policy: PolicyVersion; onPublished: () => Promise<void> }) {
  const [history, setHistory] = useState<PolicyVersion[]>([]);
  const [draft, setDraft] = useState<PolicyVersion>(policy);
  const [note, setNote] = useState('');
  const submission = useSubmission();
  useEffect(() => {
    setDraft(policy);
    api<{ versions: PolicyVersion[] }>('GET', `/api/policies/${policy.policyId}/versions`).then(
      (r) => setHistory(r.versions),
      () => setHistory([]),
    );
  }, [policy]);

  const setSection = (index: number, change: Partial<PolicySection>) =>
    setDraft({ ...draft, sections: draft.sections.map((s, i) => (i === index ? { ...s, ...change } : s)) });

  const publish = async () => {
    const done = await submission.run(
      () =>
        api<{ version: number }>('POST', `/api/policies/${policy.policyId}/versions`, {
          title: draft.title,
          summary: draft.summary,
          dsaCategory: draft.dsaCategory,
          sections: draft.sections.map(withLaws),
          changeNote: note,
        }),
      (published) => `Version ${published.version} of ${policy.title} is published; decisions from now on cite it.`,
    );
    if (done === undefined) return;
    setNote('');
    await onPublished();
  };

  return (
    <div className="policy-detail">
      <form
        className="panel wide"
        aria-label={`Edit ${policy.title}`}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void publish();
        }}
      >
        <FieldsOf submission={submission}>
          <Field label="Summary" name="/summary">
            {(props) => (
              <textarea
                {...props}
                rows={2}
                value={draft.summary}
                onChange={(e) => setDraft({ ...draft, summary: e.target.value })}
              />
            )}
          </Field>
          <Field
            label="DSA statement category"
            name="/dsaCategory"
            hint="The EU DSA Transparency Database's category of a breach of this policy, sent with each statement of reasons."
          >
            {(props) => (
              <select
                {...props}
                value={draft.dsaCategory}
                onChange={(e) => setDraft({ ...draft, dsaCategory: e.target.value })}
              >
                {!(draft.dsaCategory in STATEMENT_CATEGORIES) && (
                  <option value={draft.dsaCategory}>
                    {draft.dsaCategory ? `${draft.dsaCategory} (not a v2 category)` : 'Choose a category'}
                  </option>
                )}
                {Object.entries(STATEMENT_CATEGORIES).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {draft.sections.map((section, index) => (
            <SectionFields
              key={section.id}
              section={section}
              index={index}
              onChange={(change) => setSection(index, change)}
              problems={submission.fields}
            />
          ))}
          <Field label="What changed and why" name="/changeNote" hint="Shown with the version in the public history.">
            {(props) => <textarea {...props} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
          </Field>
        </FieldsOf>
        <FormMessages submission={submission} />
        <button type="submit" disabled={submission.busy}>
          Publish version {policy.version + 1}
        </button>
      </form>
      <h3>History</h3>
      <ol className="history" aria-label={`History of ${policy.title}`}>
        {history.map((v) => (
          <li key={v.version}>
            Version {v.version}, {when(v.publishedAt)}: {v.changeNote}
          </li>
        ))}
      </ol>
    </div>
  );
}

/** A section of the draft, where it stands in the draft, how to change it, and what the server said of it. */
interface SectionEditing {
  section: PolicySection;
  index: number;
  onChange: (change: Partial<PolicySection>) => void;
  /** The server's field problems, for the outcomes and keywords, which have no one control to show them under. */
  problems: Readonly<Record<string, string>>;
}

/**
 * One section of the policy being edited: its title, text, severity, whether it is severe, its outcomes, and its DSA
 * keywords.
 */
function SectionFields({ section, index, onChange, problems }: SectionEditing) {
  const problem = problems[`/sections/${index}/allowedOutcomes`];
  return (
    <fieldset>
      <legend>{section.id}</legend>
      <Field label={`Title of ${section.id}`} name={`/sections/${index}/title`}>
        {(props) => <input {...props} value={section.title} onChange={(e) => onChange({ title: e.target.value })} />}
      </Field>
      <Field label={`Text of ${section.id}`} name={`/sections/${index}/text`}>
        {(props) => (
          <textarea {...props} rows={3} value={section.text} onChange={(e) => onChange({ text: e.target.value })} />
        )}
      </Field>
      <Field label="Severity (1 to 5)" name={`/sections/${index}/severity`}>
        {(props) => (
          <input
            {...props}
            type="number"
            min={1}
            max={5}
            value={section.severity}
            onChange={(e) => onChange({ severity: Number(e.target.value) })}
          />
        )}
      </Field>
      <label className="inline">
        <input type="checkbox" checked={section.severe} onChange={(e) => onChange({ severe: e.target.checked })} />
        Severe: disable the account instead of the strike ladder
      </label>
      <div className="muted">Allowed outcomes</div>
      {CONTENT_OUTCOMES.map((outcome) => (
        <label key={outcome} className="inline">
          <input
            type="checkbox"
            checked={section.allowedOutcomes.includes(outcome)}
            onChange={(e) =>
              onChange({
                allowedOutcomes: e.target.checked
                  ? [...section.allowedOutcomes, outcome]
                  : section.allowedOutcomes.filter((o) => o !== outcome),
              })
            }
          />
          {OUTCOME_LABELS[outcome]}
        </label>
      ))}
      {problem && <span className="field-error">Allowed outcomes {problem}</span>}
      <SectionKeywords section={section} index={index} onChange={onChange} problems={problems} />
      <Field
        label={`Laws ${section.id} relates to`}
        name={`/sections/${index}/legalReferences`}
        hint="One a line, e.g. Germany, Strafgesetzbuch § 130: a decision on illegal content under this section starts from them"
      >
        {(props) => (
          <textarea
            {...props}
            rows={2}
            value={(section.legalReferences ?? []).join('\n')}
            onChange={(e) => onChange({ legalReferences: e.target.value.split('\n') })}
          />
        )}
      </Field>
    </fieldset>
  );
}

/** A section's laws as sent: the lines with words in them, and no field when there are none. */
function withLaws(section: PolicySection): PolicySection {
  const { legalReferences, ...rest } = section;
  const laws = (legalReferences ?? []).map((law) => law.trim()).filter(Boolean);
  return laws.length > 0 ? { ...rest, legalReferences: laws } : rest;
}

/**
 * A section's DSA keywords: the chosen ones, each removable, and a list to add another. The words for
 * KEYWORD_OTHER are asked for only while it is chosen, and dropped with it (the server refuses them without it).
 */
function SectionKeywords({ section, index, onChange, problems }: SectionEditing) {
  const at = `/sections/${index}/dsaKeywords`;
  const chosen = section.dsaKeywords ?? [];
  const problem = Object.entries(problems).find(([field]) => field === at || field.startsWith(`${at}/`))?.[1];
  const set = (keywords: string[]) =>
    onChange({
      dsaKeywords: keywords,
      dsaOtherKeyword: keywords.includes(OTHER_KEYWORD) ? section.dsaOtherKeyword : undefined,
    });
  const listName = `DSA keywords of ${section.id}`;
  return (
    <>
      <div className="muted">DSA keywords (sent with each statement of reasons under this section)</div>
      {chosen.length === 0 ? (
        <p className="muted">None chosen.</p>
      ) : (
        <ul className="plain" aria-label={listName}>
          {chosen.map((keyword) => (
            <li key={keyword}>
              {keywordLabel(keyword)}{' '}
              <button
                type="button"
                className="secondary"
                aria-label={`Remove ${keywordLabel(keyword)} from ${section.id}`}
                onClick={() => set(chosen.filter((k) => k !== keyword))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {problem && <span className="field-error">DSA keywords {problem}</span>}
      <Field label={`Add a DSA keyword to ${section.id}`} name={`${at}/-`}>
        {(props) => (
          <select
            {...props}
            value=""
            onChange={(e) => {
              if (e.target.value) set([...chosen, e.target.value]);
            }}
          >
            <option value="">Choose a keyword to add</option>
            {Object.entries(KEYWORDS)
              .filter(([value]) => !chosen.includes(value))
              .map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
          </select>
        )}
      </Field>
      {chosen.includes(OTHER_KEYWORD) && (
        <Field
          label={`Other keyword of ${section.id}`}
          name={`/sections/${index}/dsaOtherKeyword`}
          hint="What “Not captured by any other keyword” stands for here, in a few words."
        >
          {(props) => (
            <input
              {...props}
              value={section.dsaOtherKeyword ?? ''}
              onChange={(e) => onChange({ dsaOtherKeyword: e.target.value === '' ? undefined : e.target.value })}
            />
          )}
        </Field>
      )}
    </>
  );
}

const OTHER_KEYWORD = 'KEYWORD_OTHER';

const categoryLabel = (category: string): string =>
  (STATEMENT_CATEGORIES as Record<string, string>)[category] ?? category;

const keywordLabel = (keyword: string): string => (KEYWORDS as Record<string, string>)[keyword] ?? keyword;

/** A section's keywords as read: their labels, and what "other" stands for. */
const keywordsText = (section: PolicySection): string =>
  (section.dsaKeywords ?? [])
    .map((keyword) =>
      keyword === OTHER_KEYWORD && section.dsaOtherKeyword
        ? `${keywordLabel(keyword)} (${section.dsaOtherKeyword})`
        : keywordLabel(keyword),
    )
    .join('; ');
