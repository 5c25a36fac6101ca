import { boardCaseById, obligationRefs, recommendationRefs, writtenOpinions } from '../../board/record-reads.js';
import type { ChainEntry } from '../../core/chain.js';
import type { JsonValue } from '../../core/canonical-json.js';
import { designationById } from '../../crisis/record-reads.js';
import { restrictedFigure } from '../../figures/record-reads.js';
import type { EventPayload, EventType } from '../../events.js';
import { policyOfDecision } from '../../moderation/record-reads.js';
import type { Db } from '../../store/database.js';

/** Who speaks in a published entry: a body, never a person (staff and members stay private). */
export type Publisher = 'board' | 'platform' | 'docket';

export interface Publication {
  /** What the entry is about: a board case or recommendation ref, `designation/QKB`, `policy/<id>`. */
  stream: string;
  type: string;
  actor: Publisher;
  payload: { [key: string]: JsonValue };
}

type Build<T extends EventType> = (tx: Db, payload: EventPayload<T>) => Promise<Publication | null>;

/**
 * Which events are published, and the public document each becomes. A document holds what the public site shows
 * of the thing (texts in full, so a later rewrite is caught) and nothing else: no internal ids, no people, no
 * private notes. Anything not listed here never reaches the public log.
 */
const PUBLISHED: { [T in EventType]?: Build<T> } = {
  'policy.published': async (_tx, p) => ({
    stream: `policy/${p.policyId}`,
    type: 'policy.version',
    actor: 'platform',
    payload: {
      policyId: p.policyId,
      version: p.version,
      title: p.title,
      summary: p.summary,
      changeNote: p.changeNote,
      sections: p.sections as unknown as JsonValue,
    },
  }),

  'designation.approved': async (tx, p) => {
    const row = await designationById(tx, p.designationId);
    return {
      stream: `designation/${p.iso3}`,
      type: 'designation.approved',
      actor: 'platform',
      payload: { country: p.iso3, kind: p.kind, reasons: row.reasons, note: p.note, reviewAt: p.reviewAt },
    };
  },
  'designation.reviewed': async (tx, p) => {
    const row = await designationById(tx, p.designationId);
    return {
      stream: `designation/${row.iso3}`,
      type: 'designation.reviewed',
      actor: 'platform',
      payload: { country: row.iso3, kind: row.kind, note: p.note, reviewAt: p.reviewAt },
    };
  },
  'designation.ended': async (_tx, p) => ({
    stream: `designation/${p.iso3}`,
    type: 'designation.ended',
    actor: 'platform',
    payload: { country: p.iso3, kind: p.kind, note: p.note },
  }),

  // Restrictions of public figures under the protocol: the figure is a verified public person, and whether and for
  // how long their account is restricted is what the board's recommendations ask to be published.
  'restriction.imposed': async (tx, p) => {
    const { figure, stream } = await restrictedFigure(tx, p.restrictionId);
    return {
      stream,
      type: 'figure.restriction_imposed',
      actor: 'platform',
      payload: { figure, tier: p.tier, context: p.context, endsAt: p.endsAt, reason: p.reason },
    };
  },
  'restriction.extended': async (tx, p) => {
    const { figure, stream } = await restrictedFigure(tx, p.restrictionId);
    return {
      stream,
      type: 'figure.restriction_extended',
      actor: 'platform',
      payload: { figure, until: p.until, reasons: p.reasons },
    };
  },
  'restriction.lifted': async (tx, p) => {
    const { figure, stream } = await restrictedFigure(tx, p.restrictionId);
    return { stream, type: 'figure.restriction_lifted', actor: 'platform', payload: { figure, reasons: p.reasons } };
  },
  'restriction.lapsed': async (tx, p) => {
    const { figure, stream } = await restrictedFigure(tx, p.restrictionId);
    return { stream, type: 'figure.restriction_lapsed', actor: 'docket', payload: { figure, reason: p.reason } };
  },

  'board.case_selected': async (tx, p) => {
    const c = await boardCaseById(tx, p.boardCaseId);
    return {
      stream: c.ref,
      type: 'board.case_selected',
      actor: 'board',
      payload: {
        ref: c.ref,
        title: c.title,
        kind: c.kind,
        track: c.track,
        country: c.country,
        policy: await policyOfDecision(tx, c.decisionId),
        decisionDueAt: p.decisionDueAt,
        commentsCloseAt: p.commentsCloseAt,
      },
    };
  },
  // The public was told when comments close; closing them early, and why, is as public as the period itself.
  'board.comments_closed_early': async (tx, p) => {
    const c = await boardCaseById(tx, p.boardCaseId);
    return {
      stream: c.ref,
      type: 'board.comments_closed_early',
      actor: 'board',
      payload: { ref: c.ref, scheduledCloseAt: p.scheduledCloseAt, closedAt: p.closedAt, reason: p.reason },
    };
  },
  'board.platform_reversed': async (tx, p) => {
    const c = await boardCaseById(tx, p.boardCaseId);
    return { stream: c.ref, type: 'board.platform_reversed', actor: 'platform', payload: { ref: c.ref } };
  },
  'board.decision_published': async (tx, p) => {
    const c = await boardCaseById(tx, p.boardCaseId);
    const opinions = await writtenOpinions(tx, p.boardCaseId);
    return {
      stream: c.ref,
      type: 'board.decision',
      actor: 'board',
      payload: {
        ref: c.ref,
        title: c.title,
        kind: c.kind,
        country: c.country,
        policy: await policyOfDecision(tx, c.decisionId),
        outcome: p.outcome,
        summary: p.summary,
        // A withheld split stays on the board's own record; the public entry says only that a majority decided.
        votes: p.voteSplitPublished === false ? null : p.counts,
        text: c.decisionText ?? '',
        textSha256: p.textSha256,
        separateOpinions: opinions.map((o) => ({
          position: o.vote === p.outcome ? 'concurring' : 'dissenting',
          text: o.opinion ?? '',
        })),
      },
    };
  },
  'board.obligation_created': async (tx, p) => {
    const c = await boardCaseById(tx, p.boardCaseId);
    return {
      stream: c.ref,
      type: 'board.obligation',
      actor: 'board',
      payload: { caseRef: c.ref, requiredOutcome: p.requiredOutcome, dueAt: p.dueAt },
    };
  },
  'board.obligation_implemented': async (tx, p) => {
    const { ref, requiredOutcome } = await obligationRefs(tx, p.obligationId);
    return {
      stream: ref,
      type: 'board.implementation',
      actor: 'platform',
      payload: {
        caseRef: ref,
        requiredOutcome,
        onTime: p.onTime,
        sweepMatched: p.sweepMatched,
        sweepActioned: p.sweepActioned,
      },
    };
  },
  'board.obligation_overdue': async (tx, p) => {
    const { ref } = await obligationRefs(tx, p.obligationId);
    return {
      stream: ref,
      type: 'board.implementation_overdue',
      actor: 'docket',
      payload: { caseRef: ref, dueAt: p.dueAt },
    };
  },
  'board.recommendation_published': async (tx, p) => {
    const r = await recommendationRefs(tx, p.recommendationId);
    return {
      stream: p.ref,
      type: 'board.recommendation',
      actor: 'board',
      payload: {
        ref: p.ref,
        caseRef: r.caseRef,
        group: p.group ?? null,
        text: p.text,
        measure: p.measure,
        responseDueAt: p.responseDueAt,
      },
    };
  },
  'board.response_recorded': async (tx, p) => {
    const r = await recommendationRefs(tx, p.recommendationId);
    return {
      stream: r.ref,
      type: 'board.response',
      actor: 'platform',
      payload: {
        recommendationRef: r.ref,
        caseRef: r.caseRef,
        category: p.category,
        reasons: p.reasons,
        timeline: p.timeline,
        late: p.late,
      },
    };
  },
  'board.response_overdue': async (tx, p) => {
    const r = await recommendationRefs(tx, p.recommendationId);
    return {
      stream: r.ref,
      type: 'board.response_overdue',
      actor: 'docket',
      payload: { recommendationRef: r.ref, caseRef: r.caseRef, dueAt: p.dueAt },
    };
  },
  'board.assessment_recorded': async (tx, p) => {
    const r = await recommendationRefs(tx, p.recommendationId);
    return {
      stream: r.ref,
      type: 'board.assessment',
      actor: 'board',
      payload: {
        recommendationRef: r.ref,
        caseRef: r.caseRef,
        assessment: p.assessment,
        note: p.note,
        closed: p.closed,
      },
    };
  },
};

/** The event types that become public entries. */
export const PUBLISHED_EVENT_TYPES: readonly string[] = Object.keys(PUBLISHED);

/** The public document an event becomes, or null when the event is not published. */
export async function publicationOf(tx: Db, entry: ChainEntry): Promise<Publication | null> {
  const build = PUBLISHED[entry.type as EventType] as Build<EventType> | undefined;
  return build ? build(tx, entry.payload as EventPayload<EventType>) : null;
}
