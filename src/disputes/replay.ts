import type { ChainEntry } from '../core/chain.js';
import { applyReplay, dateOf, setRow, type ReplayHandlers } from '../core/replay.js';
import type { Db } from '../store/database.js';
import { disputeBodies, disputes } from './tables.js';

type BodyPayload = {
  bodyId: string;
  name: string;
  memberState: string;
  coordinator: string;
  website: string;
  areas: string[];
  languages: string[];
  status: 'certified' | 'suspended' | 'revoked';
  certifiedOn: string;
  certifiedUntil: string | null;
};

const entryOf = (p: BodyPayload) => ({
  name: p.name,
  memberState: p.memberState,
  coordinator: p.coordinator,
  website: p.website,
  areas: p.areas,
  languages: p.languages,
  status: p.status,
  certifiedOn: p.certifiedOn,
  certifiedUntil: p.certifiedUntil,
});

/** The register of dispute settlement bodies and the disputes on decisions, from their events. */
const handlers: ReplayHandlers = {
  'dispute_body.registered': async (tx, p, e) => {
    const at = new Date(e.at);
    await tx.insert(disputeBodies).values({ id: p.bodyId, ...entryOf(p), registeredAt: at, updatedAt: at });
  },
  'dispute_body.updated': (tx, p, e) =>
    setRow(tx, disputeBodies, p.bodyId, { ...entryOf(p), updatedAt: new Date(e.at) }),
  'dispute.filed': async (tx, p, e) => {
    await tx.insert(disputes).values({
      id: p.disputeId,
      decisionId: p.decisionId,
      caseId: p.caseId,
      platform: p.platform,
      decisionOutcome: p.decisionOutcome,
      bodyId: p.bodyId,
      complainant: p.complainant,
      bodyReference: p.bodyReference,
      filedAt: new Date(p.filedAt),
      recordedAt: new Date(e.at),
      recordedBy: e.actor,
      status: 'filed',
      implementation: 'not_required',
    });
  },
  'dispute.concluded': (tx, p) =>
    setRow(tx, disputes, p.disputeId, {
      status: 'concluded',
      outcome: p.outcome,
      summary: p.summary,
      concludedAt: new Date(p.concludedAt),
      feeCents: p.fees?.cents ?? null,
      feeCurrency: p.fees?.currency ?? null,
      feesBorneBy: p.feesBorneBy,
      badFaith: p.badFaith,
      requiredOutcome: p.requiredOutcome,
      implementation: p.implementationDueAt ? 'open' : 'not_required',
      implementationDueAt: dateOf(p.implementationDueAt),
    }),
  'dispute.implemented': (tx, p, e) =>
    setRow(tx, disputes, p.disputeId, {
      implementation: 'implemented',
      actionDecisionId: p.actionDecisionId,
      implementationNote: p.note,
      implementedAt: new Date(e.at),
      implementedBy: e.actor,
    }),
};

/** Applies entries, in log order, to the dispute tables. */
export async function replayDisputes(tx: Db, entries: readonly ChainEntry[]): Promise<void> {
  await applyReplay(tx, handlers, entries);
}
