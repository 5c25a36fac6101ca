import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../store/database.js';
import { consistencyProof } from './merkle.js';
import { keyTag, parseVerifierKey } from './note.js';
import type { KeyPair } from './signing.js';
import { publicLogCosignatures, publicLogWitnesses } from './tables.js';
import { latestTreeCheckpoint, logVerifierKey, type TreeCheckpoint } from './tree-checkpoints.js';
import { tableHashReader } from './tree-store.js';
import { requestCosignature, type Witness } from './witness.js';

/** A configured witness as the public sees it: who, the size it last cosigned and, if the last try failed, why. */
export interface WitnessStatus {
  /** `name+keyid` */
  witness: string;
  vkey: string;
  cosignedSize: number | null;
  /** The time of its latest cosignature, as the witness signed it (ISO 8601). */
  cosignedAt: string | null;
  lastAttemptAt: string | null;
  lastError: string | null;
}

export interface CollectionTally {
  cosigned: number;
  failed: number;
}

const idOf = (witness: Witness) => keyTag(witness.cosigner.name, witness.cosigner.keyId);

/**
 * The public log's witnesses (DOCKET_PUBLIC_LOG_WITNESSES): after each new tree checkpoint, every witness that has
 * not cosigned it is asked (C2SP tlog-witness), with a consistency proof from the size it last cosigned; what it
 * answers is kept, and the served checkpoint carries the cosignatures collected for it. Asking happens outside any
 * transaction (a witness may be slow or down); several processes asking at once is safe, as a witness answers the
 * second with a 409 and the cosignature is stored once.
 */
export function createWitnessing(deps: {
  db: Db;
  readDb: Db;
  key: KeyPair;
  witnesses: readonly Witness[];
  now: () => Date;
  fetch?: typeof fetch;
  timeoutMs?: number;
}) {
  const { db, readDb, witnesses } = deps;

  async function askOne(witness: Witness, checkpoint: TreeCheckpoint): Promise<boolean> {
    const id = idOf(witness);
    const [state] = await db.select().from(publicLogWitnesses).where(eq(publicLogWitnesses.witness, id));
    const verifier = parseVerifierKey(logVerifierKey(checkpoint.origin, deps.key));
    const { answer, witnessSize } = await requestCosignature(
      witness,
      { size: checkpoint.size, signed: checkpoint.note },
      state?.cosignedSize ?? 0,
      (from) => consistencyProof(from, checkpoint.size, tableHashReader(db)),
      [verifier],
      { fetch: deps.fetch, timeoutMs: deps.timeoutMs },
    );
    const at = deps.now();
    if (answer.kind === 'cosigned') {
      await db
        .insert(publicLogCosignatures)
        .values({
          witness: id,
          size: checkpoint.size,
          timestamp: answer.cosignature.timestamp,
          line: answer.cosignature.line,
          collectedAt: at,
        })
        .onConflictDoNothing();
    }
    const values = {
      vkey: witness.cosigner.vkey,
      cosignedSize: witnessSize ?? state?.cosignedSize ?? null,
      lastAttemptAt: at,
      lastError: answer.kind === 'cosigned' ? null : answer.reason,
    };
    await db
      .insert(publicLogWitnesses)
      .values({ witness: id, ...values })
      .onConflictDoUpdate({ target: publicLogWitnesses.witness, set: values });
    return answer.kind === 'cosigned';
  }

  return {
    configured: witnesses.length > 0,

    /** Asks every witness that has not cosigned the latest checkpoint; returns how many did and how many failed. */
    async collect(): Promise<CollectionTally> {
      const tally: CollectionTally = { cosigned: 0, failed: 0 };
      if (witnesses.length === 0) return tally;
      const checkpoint = await latestTreeCheckpoint(db);
      if (!checkpoint) return tally;
      const done = new Set(
        (
          await db
            .select({ witness: publicLogCosignatures.witness })
            .from(publicLogCosignatures)
            .where(eq(publicLogCosignatures.size, checkpoint.size))
        ).map((row) => row.witness),
      );
      const due = witnesses.filter((w) => !done.has(idOf(w)));
      const results = await Promise.all(due.map((w) => askOne(w, checkpoint)));
      for (const ok of results) tally[ok ? 'cosigned' : 'failed'] += 1;
      return tally;
    },

    /** The signed checkpoint with the cosignatures of the configured witnesses collected for it appended. */
    async cosigned(checkpoint: { size: number; note: string }): Promise<string> {
      if (witnesses.length === 0) return checkpoint.note;
      const rows = await readDb
        .select({ line: publicLogCosignatures.line })
        .from(publicLogCosignatures)
        .where(
          and(
            eq(publicLogCosignatures.size, checkpoint.size),
            inArray(publicLogCosignatures.witness, witnesses.map(idOf)),
          ),
        )
        .orderBy(asc(publicLogCosignatures.witness));
      return checkpoint.note + rows.map((row) => row.line).join('');
    },

    /** Each configured witness's state, in the order configured. */
    async status(): Promise<WitnessStatus[]> {
      if (witnesses.length === 0) return [];
      const ids = witnesses.map(idOf);
      const states = new Map(
        (await readDb.select().from(publicLogWitnesses).where(inArray(publicLogWitnesses.witness, ids))).map((row) => [
          row.witness,
          row,
        ]),
      );
      const result: WitnessStatus[] = [];
      for (const witness of witnesses) {
        const id = idOf(witness);
        const state = states.get(id);
        const [latest] = await readDb
          .select({ timestamp: publicLogCosignatures.timestamp })
          .from(publicLogCosignatures)
          .where(eq(publicLogCosignatures.witness, id))
          .orderBy(desc(publicLogCosignatures.size))
          .limit(1);
        result.push({
          witness: id,
          vkey: witness.cosigner.vkey,
          cosignedSize: state?.cosignedSize ?? null,
          cosignedAt: latest ? new Date(latest.timestamp * 1000).toISOString() : null,
          lastAttemptAt: state?.lastAttemptAt?.toISOString() ?? null,
          lastError: state?.lastError ?? null,
        });
      }
      return result;
    },
  };
}

export type Witnessing = ReturnType<typeof createWitnessing>;
