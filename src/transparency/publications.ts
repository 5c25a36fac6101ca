import { and, asc, eq, sql } from 'drizzle-orm';
import { boardCases, boardVotes, implementationObligations, recommendations } from '../board/tables.js';
import type { ChainEntry } from '../core/chain.js';
import type { JsonValue } from '../core/canonical-json.js';
import { designations } from '../crisis/tables.js';
import { figureRestrictions, publicFigures, restrictedFigureEntry } from '../figures/tables.js';
import type { EventPayload, EventType } from '../events.js';
import { decisions } from '../moderation/tables.js';
import type { Db } from '../store/database.js';

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
    const row = await designation(tx, p.designationId);
    return {
      stream: `designation/${p.iso3}`,
      type: 'designation.approved',
      actor: 'platform',
      payload: { country: p.iso3, kind: p.kind, reasons: row.reasons, note: p.note, reviewAt: p.reviewAt },
    };
  },
  'designation.reviewed': async (tx, p) => {
    const row = await designation(tx, p.designationId);
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
    const c = await boardCase(tx, p.boardCaseId);
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
        policy: await policyOf(tx, c.decisionId),
        decisionDueAt: p.decisionDueAt,
        commentsCloseAt: p.commentsCloseAt,
      },
    };
  },
  // The public was told when comments close; closing them early, and why, is as public as the period itself.
  'board.comments_closed_early': async (tx, p) => {
    const c = await boardCase(tx, p.boardCaseId);
    return {
      stream: c.ref,
      type: 'board.comments_closed_early',
      actor: 'board',
      payload: { ref: c.ref, scheduledCloseAt: p.scheduledCloseAt, closedAt: p.closedAt, reason: p.reason },
    };
  },
  'board.platform_reversed': async (tx, p) => {
    const c = await boardCase(tx, p.boardCaseId);
    return { stream: c.ref, type: 'board.platform_reversed', actor: 'platform', payload: { ref: c.ref } };
  },
  'board.decision_published': async (tx, p) => {
    const c = await boardCase(tx, p.boardCaseId);
    const opinions = await tx
      .select({ vote: boardVotes.vote, opinion: boardVotes.opinion })
      .from(boardVotes)
      .where(and(eq(boardVotes.boardCaseId, p.boardCaseId), sql`${boardVotes.opinion} is not null`))
      .orderBy(asc(boardVotes.vote), asc(boardVotes.opinion));
    return {
      stream: c.ref,
      type: 'board.decision',
      actor: 'board',
      payload: {
        ref: c.ref,
        title: c.title,
        kind: c.kind,
        country: c.country,
        policy: await policyOf(tx, c.decisionId),
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
    const c = await boardCase(tx, p.boardCaseId);
    return {
      stream: c.ref,
      type: 'board.obligation',
      actor: 'board',
      payload: { caseRef: c.ref, requiredOutcome: p.requiredOutcome, dueAt: p.dueAt },
    };
  },
  'board.obligation_implemented': async (tx, p) => {
    const { ref, requiredOutcome } = await obligation(tx, p.obligationId);
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
    const { ref } = await obligation(tx, p.obligationId);
    return {
      stream: ref,
      type: 'board.implementation_overdue',
      actor: 'docket',
      payload: { caseRef: ref, dueAt: p.dueAt },
    };
  },
  'board.recommendation_published': async (tx, p) => {
    const r = await recommendation(tx, p.recommendationId);
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
    const r = await recommendation(tx, p.recommendationId);
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
    const r = await recommendation(tx, p.recommendationId);
    return {
      stream: r.ref,
      type: 'board.response_overdue',
      actor: 'docket',
      payload: { recommendationRef: r.ref, caseRef: r.caseRef, dueAt: p.dueAt },
    };
  },
  'board.assessment_recorded': async (tx, p) => {
    const r = await recommendation(tx, p.recommendationId);
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

async function boardCase(tx: Db, id: string) {
  const [row] = await tx.select().from(boardCases).where(eq(boardCases.id, id));
  if (!row) throw new Error(`published event names board case ${id}, which does not exist`);
  return row;
}

async function policyOf(tx: Db, decisionId: string | null): Promise<string | null> {
  if (!decisionId) return null;
  const [row] = await tx.select({ policyId: decisions.policyId }).from(decisions).where(eq(decisions.id, decisionId));
  return row?.policyId ?? null;
}

async function recommendation(tx: Db, id: string) {
  const [row] = await tx
    .select({ ref: recommendations.ref, caseRef: boardCases.ref })
    .from(recommendations)
    .innerJoin(boardCases, eq(boardCases.id, recommendations.boardCaseId))
    .where(eq(recommendations.id, id));
  if (!row) throw new Error(`published event names recommendation ${id}, which does not exist`);
  return row;
}

async function obligation(tx: Db, id: string) {
  const [row] = await tx
    .select({ ref: boardCases.ref, requiredOutcome: implementationObligations.requiredOutcome })
    .from(implementationObligations)
    .innerJoin(boardCases, eq(boardCases.id, implementationObligations.boardCaseId))
    .where(eq(implementationObligations.id, id));
  if (!row) throw new Error(`published event names obligation ${id}, which does not exist`);
  return row;
}

async function designation(tx: Db, id: string) {
  const [row] = await tx.select().from(designations).where(eq(designations.id, id));
  if (!row) throw new Error(`published event names designation ${id}, which does not exist`);
  return row;
}

/**
 * The restricted account's public identity: the platform, the account and, from the registry, the figure's name,
 * role and country (null when the entry was since removed from the registry).
 */
async function restrictedFigure(tx: Db, restrictionId: string) {
  const [row] = await tx
    .select({
      platform: figureRestrictions.platform,
      accountRef: figureRestrictions.accountRef,
      name: publicFigures.name,
      kind: publicFigures.kind,
      country: publicFigures.country,
    })
    .from(figureRestrictions)
    .leftJoin(publicFigures, restrictedFigureEntry)
    .where(eq(figureRestrictions.id, restrictionId));
  if (!row) throw new Error(`published event names restriction ${restrictionId}, which does not exist`);
  return {
    stream: `figure/${row.platform}/${row.accountRef}`,
    figure: { platform: row.platform, account: row.accountRef, name: row.name, role: row.kind, country: row.country },
  };
}
