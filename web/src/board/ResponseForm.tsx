import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { problemText } from '../load';
import { ASSESSMENTS, label, RESPONSE_CATEGORIES, type Recommendation } from './types';

/** The liaison's response to a recommendation, or the board's assessment of its implementation. */
export function ResponseForm({ recommendation, mode, onDone }: { recommendation: Recommendation; mode: 'respond' | 'assess'; onDone: () => void }) {
  const choices = mode === 'respond' ? RESPONSE_CATEGORIES : ASSESSMENTS;
  const [choice, setChoice] = useState<string>(choices[0]);
  const [text, setText] = useState('');
  const [timeline, setTimeline] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      if (mode === 'respond') {
        await api('POST', `/api/board/recommendations/${recommendation.id}/responses`, { category: choice, reasons: text, ...(timeline.trim() ? { timeline } : {}) });
      } else {
        await api('POST', `/api/board/recommendations/${recommendation.id}/assessments`, { assessment: choice, note: text });
      }
      setText('');
      setTimeline('');
      onDone();
    } catch (problem) {
      setError(problemText(problem));
    }
  };
  const name = mode === 'respond' ? `Respond to ${recommendation.ref}` : `Assess ${recommendation.ref}`;
  return (
    <form aria-label={name} onSubmit={submit} className="inline-form">
      {error && <p role="alert" className="alert">{error}</p>}
      <label>
        {mode === 'respond' ? 'Response' : 'Assessment'}
        <select value={choice} onChange={(e) => setChoice(e.target.value)}>
          {choices.map((c) => <option key={c} value={c}>{label(c)}</option>)}
        </select>
      </label>
      <label>
        {mode === 'respond' ? 'Reasons' : 'Note'}
        <textarea rows={2} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      {mode === 'respond' && (choice === 'implementing_fully' || choice === 'implementing_in_part') && (
        <label>
          Timeline
          <input value={timeline} onChange={(e) => setTimeline(e.target.value)} />
        </label>
      )}
      <button type="submit">{mode === 'respond' ? 'Record response' : 'Record assessment'}</button>
    </form>
  );
}
