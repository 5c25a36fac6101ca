import { createAccessService } from './access/service.js';
import { createAuditService } from './audit/service.js';
import { createBoardService } from './board/service.js';
import { createDisputeService } from './disputes/service.js';
import { DEFAULT_DISPUTE_RULES } from './disputes/rules.js';
import { DEFAULT_BOARD_RULES } from './board/rules.js';
import { systemClock, type Clock } from './core/clock.js';
import { createCommandRunner, type CommandRunner } from './core/command.js';
import { createSequencer, type Sequencer } from './core/sequencer.js';
import type { Config } from './core/config.js';
import { uuidv7Ids, type IdSource } from './core/ids.js';
import { createDesignationService } from './crisis/designations.js';
import { createFigureRegistry } from './figures/registry.js';
import { createFigureRoles } from './figures/roles.js';
import { createAccountOwnerEvents } from './moderation/account-owner.js';
import { createRestrictionService } from './figures/restrictions.js';
import { DEFAULT_RESTRICTION_RULES } from './figures/rules.js';
import { createModerationService } from './moderation/service.js';
import { createMastodonConnectors } from './mastodon/service.js';
import { DEFAULT_MODERATION_RULES } from './moderation/rules.js';
import { createNoticeDesk } from './moderation/notice-desk.js';
import { createComplaintDesk } from './moderation/complaint-desk.js';
import { createFlaggerRegister } from './moderation/flagger-register.js';
import { createMessageTemplates } from './moderation/message-templates.js';
import { createMisuseDesk } from './moderation/misuse-desk.js';
import { DEFAULT_NOTICE_RULES } from './moderation/notice-rules.js';
import { createSmtpSender, EMAIL_TRANSPORT } from './core/smtp.js';
import type { ContextOf } from './moderation/ingestion.js';
import { createSubjectService } from './moderation/subjects.js';
import { createPolicyService } from './policy/service.js';
import { DEFAULT_DELIVERY_RULES } from './webhooks/rules.js';
import { createWebhookService } from './webhooks/service.js';
import { createDsaSubmitter, dsaSubmissionProjection } from './transparency/dsa/submissions.js';
import { createTdbClient } from './transparency/dsa/tdb-client.js';
import { createMastodonOutbound, createMastodonSender, MASTODON_TRANSPORT } from './mastodon/outbound.js';
import type { Notify } from './core/command.js';
import { openStore, type Store } from './store/database.js';
import { migrate } from './store/migrate.js';
import { catchUpProjections } from './core/projection.js';
import { ensureSigningKey, publicLogProjection } from './transparency/public-log/log.js';
import { createPublicReads, type PublicReads } from './transparency/site/public-reads.js';
import { createTransparencyService } from './transparency/public-log/service.js';
import { logOrigin } from './transparency/public-log/tree-checkpoints.js';
import { readWitnesses } from './transparency/public-log/witness.js';
import { statisticsProjection } from './transparency/statistics/statistics.js';

/**
 * The composition root: one store, one clock, one id source, and the services built on them. The same object
 * serves the HTTP server, the CLI, the scheduler and the tests.
 */
export interface Docket {
  config: Config;
  store: Store;
  clock: Clock;
  ids: IdSource;
  run: CommandRunner;
  /** Chains committed events; commands await it, and `serve` runs it when idle for events a dead process left. */
  sequencer: Sequencer;
  access: ReturnType<typeof createAccessService>;
  audit: ReturnType<typeof createAuditService>;
  subjects: ReturnType<typeof createSubjectService>;
  policies: ReturnType<typeof createPolicyService>;
  moderation: ReturnType<typeof createModerationService>;
  /** Notices of content from anyone (EU DSA Art. 16), and what their notifiers are told. */
  notices: ReturnType<typeof createNoticeDesk>;
  /** Complaints (EU DSA Art. 20) from the affected user and notifiers, through capability links. */
  complaints: ReturnType<typeof createComplaintDesk>;
  /** The register of trusted flaggers (EU DSA Art. 22). */
  flaggers: ReturnType<typeof createFlaggerRegister>;
  /** The templates of the messages to notifiers and affected users, per language. */
  messages: ReturnType<typeof createMessageTemplates>;
  /** Measures against misuse (EU DSA Art. 23): rules, marks, warnings and suspensions. */
  misuse: ReturnType<typeof createMisuseDesk>;
  webhooks: ReturnType<typeof createWebhookService>;
  /** Sends the statements of reasons to the EU DSA Transparency Database; null when it is not configured. */
  dsaSubmitter: ReturnType<typeof createDsaSubmitter> | null;
  designations: ReturnType<typeof createDesignationService>;
  figures: ReturnType<typeof createFigureRegistry>;
  /** The registry's dated roles: a figure's change of role and its history. */
  figureRoles: ReturnType<typeof createFigureRoles>;
  /** Account events by the account's owner (deleted, restored): not moderation. */
  accountOwners: ReturnType<typeof createAccountOwnerEvents>;
  restrictions: ReturnType<typeof createRestrictionService>;
  board: ReturnType<typeof createBoardService>;
  /** Out-of-court dispute settlement (DSA Art. 21): the register of certified bodies and disputes on decisions. */
  disputes: ReturnType<typeof createDisputeService>;
  /** The connected Mastodon instances: their configuration and what they report. */
  mastodon: ReturnType<typeof createMastodonConnectors>;
  transparency: ReturnType<typeof createTransparencyService>;
  /** What the public site, the public API and the statistics read: from the read replica when one is configured. */
  publicReads: PublicReads;
  close(): Promise<void>;
}

export interface DocketOptions {
  config: Config;
  /** An already open store (tests pass one); otherwise one is opened from the configuration. */
  store?: Store;
  clock?: Clock;
  ids?: IdSource;
}

export async function createDocket(options: DocketOptions): Promise<Docket> {
  const { config } = options;
  const store =
    options.store ??
    (await openStore({
      databaseUrl: config.databaseUrl,
      databaseReadUrl: config.databaseReadUrl,
      dataDir: config.dataDir,
      poolSize: config.poolSize,
    }));
  await migrate(store.db);
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? uuidv7Ids;
  const db = store.db;
  // The public log and the report's aggregates are projections of the log: brought up to date here (after an
  // upgrade), then kept in step by every command.
  const projections = [publicLogProjection, statisticsProjection, dsaSubmissionProjection];
  await catchUpProjections(db, projections);
  const sequencer = createSequencer(db, projections);
  // Events a process committed before it stopped, and never chained, are chained now.
  await sequencer.settle();
  const run = createCommandRunner(db, clock, ids, sequencer);
  const key = await ensureSigningKey(db, run);
  // A DOCKET_PUBLIC_LOG_ORIGIN other than the one the log's checkpoints are signed as stops the start.
  await logOrigin(db, config.publicLogOrigin);
  const policies = createPolicyService({ db, run });
  const designations = createDesignationService({ db, run, rules: DEFAULT_MODERATION_RULES });
  // Crisis designations raise the priority of cases in the countries they cover.
  const contextOf: ContextOf = (tx, countries) => designations.contextOf(tx, countries);
  // The outbox sends webhooks, and a connected Mastodon instance's admin API calls.
  const webhooks = createWebhookService({
    db,
    run,
    clock,
    ids,
    rules: DEFAULT_DELIVERY_RULES,
    transports: {
      [MASTODON_TRANSPORT]: createMastodonSender({
        db,
        now: () => clock.now(),
        maxAttempts: DEFAULT_DELIVERY_RULES.maxAttempts,
      }),
      // Notifiers' e-mail, when an SMTP server is configured.
      ...(config.smtp ? { [EMAIL_TRANSPORT]: createSmtpSender(config.smtp) } : {}),
    },
  });
  const mastodonOut = createMastodonOutbound({ queue: webhooks.queue });
  const toPlatform: Notify = async (ctx, platform, type, payload) => {
    await webhooks.enqueue(ctx, platform, type, payload);
    await mastodonOut(ctx, platform, type, payload);
  };
  const notices = createNoticeDesk({
    db,
    now: () => clock.now(),
    run,
    rules: DEFAULT_MODERATION_RULES,
    noticeRules: DEFAULT_NOTICE_RULES,
    contextOf,
    notify: toPlatform,
    mail: config.smtp ? webhooks.queue : null,
  });
  // What follows a decision: the platform's messages, and the notifiers of notices on the case are told.
  const notify: Notify = async (ctx, platform, type, payload) => {
    await toPlatform(ctx, platform, type, payload);
    await notices.afterDecision(ctx, platform, type, payload);
  };
  const moderation = createModerationService({
    db,
    run,
    clock,
    rules: DEFAULT_MODERATION_RULES,
    contextOf,
    notify,
    chained: () => sequencer.caughtUp(),
  });
  return {
    config,
    store,
    clock,
    ids,
    run,
    sequencer,
    access: createAccessService({ db, run, clock, ids, settings: config }),
    audit: createAuditService({ db }),
    subjects: createSubjectService({ db }),
    policies,
    moderation,
    notices,
    complaints: createComplaintDesk({
      db,
      now: () => clock.now(),
      run,
      rules: DEFAULT_MODERATION_RULES,
      appeals: moderation.appeals,
    }),
    flaggers: createFlaggerRegister({ db, run, now: () => clock.now() }),
    messages: createMessageTemplates({ db, run }),
    misuse: createMisuseDesk({
      db,
      now: () => clock.now(),
      run,
      notify: toPlatform,
      mail: config.smtp ? webhooks.queue : null,
    }),
    webhooks,
    dsaSubmitter: config.dsaTdb
      ? createDsaSubmitter({ db, clock, ids, client: createTdbClient(config.dsaTdb), token: config.dsaTdb.token })
      : null,
    designations,
    figures: createFigureRegistry({ db, run }),
    figureRoles: createFigureRoles({ db, run }),
    accountOwners: createAccountOwnerEvents({ db, run }),
    restrictions: createRestrictionService({ db, run, clock, rules: DEFAULT_RESTRICTION_RULES, contextOf }),
    board: createBoardService({
      db,
      run,
      clock,
      rules: DEFAULT_BOARD_RULES,
      decisions: moderation.decisions,
      notify,
    }),
    disputes: createDisputeService({ db, run, clock, rules: DEFAULT_DISPUTE_RULES, decisions: moderation.decisions }),
    transparency: createTransparencyService({
      db,
      readDb: store.readDb,
      run,
      key,
      origin: config.publicLogOrigin,
      witnesses: readWitnesses(config.publicLogWitnesses),
      now: () => clock.now(),
    }),
    mastodon: createMastodonConnectors({ db, run }),
    publicReads: createPublicReads({ db: store.readDb, clock, boardRules: DEFAULT_BOARD_RULES }),
    // Events acknowledged but not yet chained are chained first; if that fails they stay pending for the next start.
    close: async () => {
      await sequencer.caughtUp().catch(() => undefined);
      await store.close();
    },
  };
}
