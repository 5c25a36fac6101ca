import type { CommandRunner } from '../../core/command.js';
import type { PublicLogOrigin } from '../../core/config-public-log.js';
import type { Db } from '../../store/database.js';
import { checkpoint, entriesAbout, readPublicLog } from './log.js';
import { boardCaseRefs, compareWithSite, verifyPublicLog, type SiteCase } from './verify.js';
import type { KeyPair } from './signing.js';
import { latestTreeCheckpoint } from './tree-checkpoints.js';
import { createTreeReads } from './tree-reads.js';
import type { Witness } from './witness.js';
import { createWitnessing } from './witnessing.js';

/** The public log's commands and queries: checkpoints over it, the log itself, and the installation's check of it. */
export function createTransparencyService(deps: {
  db: Db;
  /** Where public reads go (a read replica when one is configured). */
  readDb: Db;
  run: CommandRunner;
  key: KeyPair;
  origin: PublicLogOrigin;
  /** The witnesses asked to cosign its checkpoints (DOCKET_PUBLIC_LOG_WITNESSES). */
  witnesses?: readonly Witness[];
  now: () => Date;
}) {
  const { db, run, key, origin } = deps;
  const witnessing = createWitnessing({ db, readDb: deps.readDb, key, witnesses: deps.witnesses ?? [], now: deps.now });
  const tree = createTreeReads({ db: deps.readDb, key, origin });
  return {
    key: key.published,
    /** Signs the public log's head if it moved since the last checkpoint (the scheduler calls this; staff may too). */
    checkpoint: (actor = 'system:scheduler') => checkpoint(run, actor, key, origin),
    /** The public log as a C2SP transparency log: checkpoint, verifier key, tiles and proofs. */
    tree: {
      ...tree,
      /** The latest C2SP checkpoint with the witnesses' cosignatures collected for it, or null before the first. */
      async checkpoint(): Promise<string | null> {
        const latest = await latestTreeCheckpoint(deps.readDb);
        return latest ? witnessing.cosigned(latest) : null;
      },
    },
    /** Asks the witnesses to cosign the latest checkpoint (the witness job), and what each last did. */
    witnesses: witnessing,
    log: (options: { after: number; limit: number }) => readPublicLog(db, options),
    /** Where each published thing about these subjects sits in the public log. */
    entriesAbout: (streams: readonly string[]) => entriesAbout(db, streams),
    /**
     * The check anyone can run with `docket verify --public`, run here on the stored log: the chain, the head,
     * every checkpoint, and whether the board's public pages still show what the log published.
     */
    async selfCheck(siteCase: (ref: string) => Promise<SiteCase | null>) {
      const copy = await readPublicLog(db, { after: 0, limit: 1_000_000_000 });
      const report = verifyPublicLog(copy, { pinnedKey: key.published.x });
      if (!report.ok) return report;
      const site = new Map<string, SiteCase | null>();
      for (const ref of boardCaseRefs(copy.entries)) site.set(ref, await siteCase(ref));
      const finding = compareWithSite(copy.entries, site);
      return finding ? { ...report, ok: false, finding } : report;
    },
  };
}

export type TransparencyService = ReturnType<typeof createTransparencyService>;
