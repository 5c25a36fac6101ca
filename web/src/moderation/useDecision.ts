import { useEffect, useMemo, useState, type RefObject } from 'react';
import { api } from '../api';
import { usePreview, type Preview } from '../load';
import { useSubmission, type Submission } from '../forms';
import { useShortcuts } from '../shortcuts';
import type { DecisionPreview, DecisionResult, NewsworthinessAdvice } from '../../../src/moderation/contract';
import type { PolicyVersion } from '../../../src/policy/contract';
import { OUTCOME_LABELS } from './format';

/** The account action as chosen on the form: none (''), or a kind and the days a restriction or suspension lasts. */
export interface AccountChoice {
  kind: string;
  days: number;
}

/** The newsworthiness balancing as written on the form, and whether the content is shown behind a warning screen. */
export interface BalancingChoice {
  publicInterest: string[];
  harms: string[];
  assessment: string;
  warningScreen: boolean;
}

/** The ground as chosen on the form: the terms, or illegal content with its provision, explanation and states. */
export interface GroundChoice {
  kind: 'terms' | 'illegal';
  legalProvision: string;
  explanation: string;
  /** Alpha-2 codes as typed, separated by commas or spaces. */
  memberStates: string;
}

export const TERMS_GROUND: GroundChoice = { kind: 'terms', legalProvision: '', explanation: '', memberStates: '' };

/** Whether an outcome acts on the content, so that it can rest on illegal content. */
export const actsOnContent = (outcome: string) =>
  outcome !== '' && outcome !== 'no_violation' && outcome !== 'keep_newsworthy';

const codes = (text: string) => text.split(/[\s,]+/).filter(Boolean);

export const takesDays = (kind: string) => kind === 'restrict_account' || kind === 'suspend_account';

/** The body of a decision as drafted, without its facts: what the preview is asked about and the decision sends. */
export function decisionDraft(fields: {
  policyId: string;
  sectionId: string | undefined;
  outcome: string;
  scope: string;
  action: AccountChoice;
  balancing: BalancingChoice;
  ground?: GroundChoice;
}): object {
  const { policyId, sectionId, outcome, scope, action, balancing, ground = TERMS_GROUND } = fields;
  const { publicInterest, harms, assessment, warningScreen } = balancing;
  const illegal = ground.kind === 'illegal' && actsOnContent(outcome);
  return {
    policyId,
    sectionId,
    outcome,
    // An illegal-content decision applies in the Member States concerned: they are its territorial scope.
    ...(illegal
      ? {
          illegalContent: {
            legalProvision: ground.legalProvision,
            explanation: ground.explanation,
            memberStates: codes(ground.memberStates),
          },
        }
      : { territorialScope: codes(scope) }),
    ...(action.kind
      ? { accountAction: { kind: action.kind, ...(takesDays(action.kind) ? { days: action.days } : {}) } }
      : {}),
    ...(outcome === 'keep_newsworthy' ? { balancing: { publicInterest, harms, assessment } } : {}),
    ...(warningScreen && (outcome === 'keep_newsworthy' || outcome === 'no_violation') ? { warningScreen: true } : {}),
  };
}

/** The policy library a decision cites, and the problem in words when it could not be loaded. */
export function usePolicies(): { policies: PolicyVersion[]; error: string | null } {
  const [policies, setPolicies] = useState<PolicyVersion[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<{ policies: PolicyVersion[] }>('GET', '/api/policies').then(
      (r) => setPolicies(r.policies),
      () => setError('The policy library could not be loaded.'),
    );
  }, []);
  return { policies, error };
}

/**
 * The section chosen of the chosen policy. It starts, and starts again whenever the policy changes, at the section
 * the reports named when the policy is the one they named; otherwise at the policy's first.
 */
export function useSection(
  policy: PolicyVersion | undefined,
  reported: { policyId: string; sectionId: string | null } | null,
) {
  const [sectionId, setSectionId] = useState('');
  const section = policy?.sections.find((s) => s.id === sectionId) ?? policy?.sections[0];
  useEffect(() => {
    const named =
      policy?.policyId === reported?.policyId ? policy?.sections.find((s) => s.id === reported?.sectionId) : undefined;
    setSectionId(named?.id ?? policy?.sections[0]?.id ?? '');
  }, [policy, reported?.policyId, reported?.sectionId]);
  return { section, setSectionId };
}

/** The server's recommendation for the balancing, for this case's designation, author and policy, while it is asked for. */
export function useNewsworthinessAdvice(
  caseId: string,
  asked: boolean,
  interest: string[],
  harms: string[],
): NewsworthinessAdvice | null {
  const [advice, setAdvice] = useState<NewsworthinessAdvice | null>(null);
  useEffect(() => {
    if (!asked) return;
    let current = true;
    api<NewsworthinessAdvice>('POST', `/api/cases/${caseId}/newsworthiness`, { publicInterest: interest, harms }).then(
      (answer) => current && setAdvice(answer),
      () => current && setAdvice(null),
    );
    return () => {
      current = false;
    };
  }, [caseId, asked, interest, harms]);
  return advice;
}

/** The server's preview of a draft, fetched again whenever the draft changes; only the latest answer is kept. */
export const useDecisionPreview = (caseId: string, draft: object | null): Preview<DecisionPreview> =>
  usePreview<DecisionPreview>(`/api/cases/${caseId}/decision/preview`, draft);

/** Keys: 1 to 9 pick the section's outcomes in the order shown; s records the decision (the form checks it first). */
export function useDecisionKeys(
  outcomes: readonly string[],
  mayPick: (outcome: string) => boolean,
  pick: (outcome: string) => void,
  form: RefObject<HTMLFormElement | null>,
): void {
  useShortcuts([
    ...outcomes
      .slice(0, 9)
      .flatMap((o, i) =>
        mayPick(o) ? [{ key: String(i + 1), label: `Outcome: ${OUTCOME_LABELS[o] ?? o}`, run: () => pick(o) }] : [],
      ),
    { key: 's', label: 'Record the decision', run: () => form.current?.requestSubmit() },
  ]);
}

/** Records the decision with its facts and hands the result on; problems show on the form. */
export function useRecordDecision(
  caseId: string,
  onDecided: (result: DecisionResult) => void,
): { submission: Submission; record: (body: object) => Promise<void> } {
  const submission = useSubmission();
  const record = async (body: object) => {
    // The case page confirms the decision with all it brought (the form closes with the case), so no second message here.
    const result = await submission.run(() => api<DecisionResult>('POST', `/api/cases/${caseId}/decision`, body), '');
    if (result) onDecided(result);
  };
  return { submission, record };
}

/** The date until which the decision can be appealed internally: six months from today. */
export function useAppealUntil(): string {
  return useMemo(() => {
    const date = new Date();
    date.setUTCMonth(date.getUTCMonth() + 6);
    return date.toISOString().slice(0, 10);
  }, []);
}
