import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../api';
import { Field, FieldsOf, FormMessages, useSubmission } from '../forms';
import { day, LoadState, useLoad } from '../load';
import { AreaGate } from '../pages/AreaGate';
import { Recommendations } from './BoardPage';
import { BriefForm } from './BriefForm';
import {
  BoardCaseHeader,
  BoardDecision,
  CommentList,
  CurrentDraft,
  Implementation,
  PanelList,
  PlatformHandling,
} from './BoardCaseParts';
import type { CaseFile, Publication } from '../../../src/board/contract';
import { REGIONS } from '../../../src/board/rules';
import { label } from './label';

/** One board case: the platform's history, the panel, comments, drafts and votes, and what follows the decision. */
export function BoardCasePage() {
  const { id = '' } = useParams();
  const file = useLoad<CaseFile>(`/api/board/cases/${id}`);
  // One submission for the page: its confirmation outlives a form the action removes (a case once selected has no
  // selection form), and a field problem shows under the field of the form that sent it (the forms a role sees
  // never share a field).
  const submission = useSubmission();
  const act = async (method: 'POST', path: string, body: unknown, done: string) => {
    const result = await submission.run(() => api(method, path, body), done);
    if (result === undefined) return false;
    file.reload();
    return true;
  };
  return (
    <AreaGate area="board">
      <section>
        <p>
          <Link to="/console/board">← Board</Link>
        </p>
        {file.state !== 'ready' ? (
          <LoadState load={file} />
        ) : (
          <FieldsOf submission={submission}>
            <CaseView file={file.value} act={act} reload={file.reload} />
          </FieldsOf>
        )}
        <FormMessages submission={submission} />
      </section>
    </AreaGate>
  );
}

type Act = (method: 'POST', path: string, body: unknown, done: string) => Promise<boolean>;

/** The case file as this member or staff sees it, with the steps their role may take at this stage. */
function CaseView({ file, act, reload }: { file: CaseFile; act: Act; reload: () => void }) {
  const c = file.case;
  const latest = file.drafts[0];
  const base = `/api/board/cases/${c.id}`;
  return (
    <>
      <BoardCaseHeader summary={c} />
      <BoardDecision file={file} />
      <PlatformHandling moderation={file.moderation} />

      {file.may.select && <SelectForm act={act} base={base} region={c.region} />}
      {file.may.reverse && (
        <NoteForm
          name="Reverse the platform's decision"
          field="Why the platform reverses"
          pointer="/note"
          button="Reverse our decision"
          onSubmit={(note) => act('POST', `${base}/reversal`, { note }, 'The platform reversed its decision.')}
        />
      )}

      <PanelList panel={file.panel} />

      {(file.drafts.length > 0 || file.may.deliberate) && c.status !== 'decided' && (
        <>
          <h2>Draft decision{latest ? ` (version ${latest.version})` : ''}</h2>
          {latest && <CurrentDraft draft={latest} />}
          {file.may.deliberate && <DraftForm act={act} base={base} current={latest} />}
          {file.may.deliberate && latest && <VoteForm act={act} base={base} kind={c.kind} />}
        </>
      )}
      <PublicationSteps file={file} act={act} base={base} />

      {file.may.manage && c.status === 'selected' && (
        <BriefForm
          attach={(brief) =>
            act(
              'POST',
              `${base}/briefs`,
              brief,
              `The brief by ${brief.name} (${brief.organisation}) is attached; it is published with the decision.`,
            )
          }
        />
      )}

      <CommentList comments={file.comments} />
      <Implementation obligation={file.obligation} />
      {file.recommendations.length > 0 && (
        <>
          <h2>Recommendations</h2>
          <Recommendations recommendations={file.recommendations} onDone={reload} assess={file.may.manage} />
        </>
      )}
    </>
  );
}

/** Closing comments early, publishing the decision once comments are closed, or publishing a summary decision. */
function PublicationSteps({ file, act, base }: { file: CaseFile; act: Act; base: string }) {
  return (
    <>
      {file.may.closeComments && (
        <NoteForm
          name="Close comments early"
          field="Why the comment period closes early (shown publicly)"
          pointer="/reason"
          button="Close comments now"
          onSubmit={(reason) => act('POST', `${base}/comments/close`, { reason }, 'Public comments are closed.')}
        />
      )}
      {file.publication?.commentsOpenUntil && (
        <p className="muted">
          The decision is published after public comments close on {day(file.publication.commentsOpenUntil)}.
        </p>
      )}
      {file.may.publish && file.publication && (
        <PublishStep
          publication={file.publication}
          onConfirm={(voteSplit) =>
            act('POST', `${base}/publish`, { confirm: true, voteSplit }, 'The decision is published.')
          }
        />
      )}
      {file.may.publishSummary && (
        <NoteForm
          name="Summary decision"
          field="Summary decision"
          pointer="/text"
          button="Publish summary decision"
          onSubmit={(text) => act('POST', `${base}/summary-decision`, { text }, 'The summary decision is published.')}
        />
      )}
    </>
  );
}

function SelectForm({ act, base, region: initial }: { act: Act; base: string; region: string | null }) {
  const [note, setNote] = useState('');
  const [region, setRegion] = useState(initial ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void act(
      'POST',
      `${base}/select`,
      { note, ...(region ? { region } : {}) },
      'Selected: the panel is drawn and comments are open.',
    );
  };
  return (
    <form aria-label="Select this case" onSubmit={submit} className="card" noValidate>
      <h2>Selection</h2>
      <Field label="Region" name="/region" hint="The panel seats at least one member from it.">
        {(props) => (
          <select {...props} value={region} onChange={(e) => setRegion(e.target.value)}>
            <option value="">—</option>
            {REGIONS.map((r) => (
              <option key={r} value={r}>
                {label(r)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Why the board takes it" name="/note">
        {(props) => <textarea {...props} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <button type="submit">Select the case</button>
    </form>
  );
}

function DraftForm({
  act,
  base,
  current,
}: {
  act: Act;
  base: string;
  current: CaseFile['drafts'][number] | undefined;
}) {
  const [text, setText] = useState(current?.text ?? '');
  const [recs, setRecs] = useState(
    (current?.recommendations ?? [])
      .map((r) => [r.text, r.measure, r.group ?? ''].filter(Boolean).join(' | '))
      .join('\n'),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const recommendations = recs
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        const [recText = '', measure = '', group = ''] = line.split('|').map((part) => part.trim());
        return { text: recText, measure, ...(group ? { group: group.toLowerCase() } : {}) };
      });
    void act('POST', `${base}/drafts`, { text, recommendations }, 'The draft is saved as a new version.');
  };
  return (
    <form aria-label="Draft" onSubmit={submit} className="card" noValidate>
      <Field label="Decision text" name="/text">
        {(props) => <textarea {...props} rows={5} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      <label>
        Recommendations (one a line: text | measure of implementation | group: policy, enforcement or transparency)
        <textarea rows={4} value={recs} onChange={(e) => setRecs(e.target.value)} />
      </label>
      <button type="submit">Save a new version</button>
    </form>
  );
}

function VoteForm({ act, base, kind }: { act: Act; base: string; kind: string }) {
  const choices = kind === 'policy_advisory' ? ['adopt', 'reject'] : ['uphold', 'overturn'];
  const [vote, setVote] = useState(choices[1] as string);
  const [opinion, setOpinion] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void act(
      'POST',
      `${base}/votes`,
      { vote, ...(opinion.trim() ? { opinion } : {}) },
      `Your vote (${vote}) is recorded.`,
    );
  };
  return (
    <form aria-label="Vote" onSubmit={submit} className="card" noValidate>
      <fieldset>
        <legend>Your vote on the current draft</legend>
        {choices.map((c) => (
          <label key={c} className="inline">
            <input type="radio" name="vote" value={c} checked={vote === c} onChange={() => setVote(c)} /> {c}
          </label>
        ))}
      </fieldset>
      <Field label="Separate opinion (optional, published with the decision)" name="/opinion">
        {(props) => <textarea {...props} rows={2} value={opinion} onChange={(e) => setOpinion(e.target.value)} />}
      </Field>
      <button type="submit">Cast vote</button>
    </form>
  );
}

/**
 * Publication is final and binds the platform: the first click only shows the tally against the majority needed;
 * a second, explicit click publishes.
 */
function PublishStep({
  publication,
  onConfirm,
}: {
  publication: Publication;
  onConfirm: (voteSplit: 'published' | 'withheld') => Promise<boolean>;
}) {
  const [confirming, setConfirming] = useState(false);
  const [showSplit, setShowSplit] = useState(true);
  if (!confirming)
    return (
      <button type="button" onClick={() => setConfirming(true)}>
        Publish the decision…
      </button>
    );
  const tally =
    Object.entries(publication.counts)
      .map(([vote, n]) => `${vote} ${n}`)
      .join(', ') || 'no votes';
  return (
    <article className="card" role="group" aria-label="Confirm publication">
      <h2>Publish the decision?</h2>
      <p>
        Votes on draft {publication.draftVersion ?? '—'}: {tally}. A decision needs {publication.votesNeeded} of the{' '}
        {publication.seated} seated members voting the same way.
      </p>
      <p>
        <strong>Publication is final:</strong> the decision, separate opinions and comments become public, and an
        overturn binds the platform.
      </p>
      <label>
        <input type="checkbox" checked={showSplit} onChange={(e) => setShowSplit(e.target.checked)} /> Publish the vote
        split (otherwise the decision reads “approved by a majority”)
      </label>
      <button
        type="button"
        onClick={() =>
          void onConfirm(showSplit ? 'published' : 'withheld').then((done) => done || setConfirming(false))
        }
      >
        Confirm: publish now
      </button>{' '}
      <button type="button" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </article>
  );
}

function NoteForm({
  name,
  field,
  pointer,
  button,
  onSubmit,
}: {
  name: string;
  field: string;
  pointer: string;
  button: string;
  onSubmit: (note: string) => Promise<boolean>;
}) {
  const [note, setNote] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await onSubmit(note)) setNote('');
  };
  return (
    <form aria-label={name} onSubmit={submit} className="card" noValidate>
      <Field label={field} name={pointer}>
        {(props) => <textarea {...props} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <button type="submit">{button}</button>
    </form>
  );
}
