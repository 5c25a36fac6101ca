import { randomBytes } from 'node:crypto';
import type { Docket } from '../app.js';
import type { Role } from '../core/roles.js';
import { userByUsername } from '../access/reads.js';
import type { JsonValue } from '../core/canonical-json.js';
import type { UnchainedEvent } from '../core/event-log.js';
import { uuidv7 } from '../core/ids.js';
import type { NewEvent } from '../events.js';
import { contentHashOf } from '../moderation/content-hash.js';
import { consequencesOf } from '../moderation/consequences.js';
import type { ContentOutcome, ReportSource } from '../core/outcomes.js';
import {
  addMonths,
  DEFAULT_MODERATION_RULES,
  leaseUntil,
  priorityOf,
  strikeExpiry,
  type AccountAction,
  type NewsworthinessBalancing,
} from '../moderation/rules.js';
import { statementOfReasons } from '../moderation/statement.js';
import { insertDecidedHistory, type DecidedHistory } from '../moderation/history-rows.js';
import { currentPolicies } from '../policy/service.js';
import type { PolicySection } from '../policy/contract.js';
import { seededRandom } from './random.js';
import { DEMO_PLATFORM } from './reference-story.js';

/**
 * `docket demo --scale N`: N decided reports spread over the past twelve months, written the way the real
 * decision path writes them (subject, report, closed case, decision, strike and account measures where the rules
 * give them, notice with its statement of reasons) and with the same events, but in set-based statements: one
 * INSERT ... SELECT FROM unnest(...) per table per batch, each batch one transaction. The sequencer chains, hashes
 * and projects each batch's events in that transaction (`chainInTransaction`, not through the pending queue that
 * single commands use), so `docket verify` proves them and the transparency report counts them. While a batch
 * runs it holds the log's head, and other commands' events wait for the next pass. Nothing is sent to webhooks:
 * this is history, not news.
 */
export interface ScaleOptions {
  reports: number;
  /** Reports per transaction. */
  batch?: number;
  now?: Date;
  onProgress?: (progress: ScaleProgress) => void;
}

export interface ScaleProgress {
  reports: number;
  events: number;
  seconds: number;
}

export interface ScaleResult extends ScaleProgress {
  /** Reports written (and chained) per second, over the whole run. */
  rate: number;
  /** The tag in every generated external id (`scale-<tag>-<n>`): each run has its own. */
  tag: string;
}

interface Batch extends DecidedHistory {
  events: UnchainedEvent[];
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const YEAR_MS = 365 * DAY_MS;
/** Reports built between yields to the event loop, so that building overlaps the database's writing. */
const YIELD_EVERY = 250;

/** Where the reported content was posted, weighted by how much of it comes from there. */
const PLACES: [{ country: string; languages: string[] }, number][] = [
  [{ country: 'IND', languages: ['hi', 'en', 'ta'] }, 16],
  [{ country: 'USA', languages: ['en', 'es'] }, 14],
  [{ country: 'DEU', languages: ['de'] }, 12],
  [{ country: 'BRA', languages: ['pt'] }, 12],
  [{ country: 'FRA', languages: ['fr'] }, 9],
  [{ country: 'IDN', languages: ['id'] }, 8],
  [{ country: 'NGA', languages: ['en', 'ha'] }, 6],
  [{ country: 'KEN', languages: ['en', 'sw'] }, 6],
  [{ country: 'MEX', languages: ['es'] }, 6],
  [{ country: 'POL', languages: ['pl'] }, 5],
  [{ country: 'PHL', languages: ['tl', 'en'] }, 4],
  [{ country: 'EGY', languages: ['ar'] }, 2],
];

/** How often each policy is cited; a policy added to the library later is cited now and then. */
const POLICY_WEIGHT: Record<string, number> = {
  spam: 30,
  'hate-speech': 14,
  'bullying-harassment': 14,
  misinformation: 12,
  'violence-incitement': 10,
  'dangerous-organizations': 4,
  'child-safety': 1,
};
const SOURCES: [ReportSource, number][] = [
  ['user', 74],
  ['automated', 15],
  ['trusted_flagger', 7],
  ['staff', 3],
  ['legal_order', 1],
];
const OUTCOMES: [ContentOutcome, number][] = [
  ['remove', 45],
  ['no_violation', 35],
  ['restrict_visibility', 9],
  ['warning_screen', 9],
  ['keep_newsworthy', 2],
];
const CONTENT_TYPES: ['text' | 'image' | 'video' | 'link', number][] = [
  ['text', 55],
  ['image', 25],
  ['video', 15],
  ['link', 5],
];

const FACTS: Record<ContentOutcome, string[]> = {
  remove: [
    'The post does what the section prohibits, in its own words.',
    'The image and its caption together break the section; the context does not change that.',
  ],
  no_violation: [
    'Read in context the post is criticism, not an attack; it breaks no rule.',
    'The report names the wrong section: the content is within the rules.',
  ],
  restrict_visibility: ['Borderline content: it stays up but is not recommended.'],
  warning_screen: ['Graphic but documentary content: shown behind a warning screen.'],
  keep_newsworthy: ['The post breaks the section, but it reports on events of public importance.'],
};
const BALANCING: NewsworthinessBalancing = {
  publicInterest: ['press_freedom'],
  harms: ['threat_to_identifiable_people'],
  assessment: 'Documents events the public needs to see; no person is identifiable and no harm is imminent.',
};

/** The reviewers the generated decisions name: a human, a senior (newsworthiness), the platform's automation. */
const REVIEWERS: { username: string; displayName: string; roles: Role[] }[] = [
  { username: 'scale-moderator', displayName: 'Scale reviewer', roles: ['moderator'] },
  { username: 'scale-senior', displayName: 'Scale senior reviewer', roles: ['senior_reviewer'] },
  { username: 'scale-autoreview', displayName: 'Scale automated review', roles: ['moderator'] },
];

export async function generateScale(docket: Docket, options: ScaleOptions): Promise<ScaleResult> {
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  const now = options.now ?? docket.clock.now();
  const batchSize = options.batch ?? 10_000;
  const tag = randomBytes(4).toString('hex');
  const write = generator(tag, now, options.reports, await libraryOf(docket), await reviewers(docket));

  let events = 0;
  const size = (first: number) => Math.min(batchSize, options.reports - first);
  let next = write(0, size(0));
  for (let first = 0; first < options.reports; first += batchSize) {
    const batch = await next;
    // The next batch is built while the database writes this one (the builder yields every few hundred reports).
    const following = first + batchSize < options.reports ? write(first + batchSize, size(first + batchSize)) : null;
    const writing = docket.store.db.transaction(async (tx) => {
      await insertDecidedHistory(tx, batch);
      await docket.sequencer.chainInTransaction(tx, batch.events);
    });
    await Promise.all([writing, following]);
    if (following) next = following;
    events += batch.events.length;
    options.onProgress?.({ reports: first + batch.reports.length, events, seconds: seconds() });
  }
  const total = seconds();
  return { reports: options.reports, events, seconds: total, rate: options.reports / total, tag };
}

interface LibrarySection {
  policyId: string;
  policyTitle: string;
  version: number;
  dsaCategory: string;
  section: PolicySection;
}

async function libraryOf(docket: Docket): Promise<[LibrarySection, number][]> {
  await docket.policies.ensureDefaultLibrary('system:demo');
  return (await currentPolicies(docket.store.db)).flatMap((policy) =>
    policy.sections.map((section): [LibrarySection, number] => [
      {
        policyId: policy.policyId,
        policyTitle: policy.title,
        version: policy.version,
        dsaCategory: policy.dsaCategory,
        section,
      },
      (POLICY_WEIGHT[policy.policyId] ?? 3) / policy.sections.length,
    ]),
  );
}

async function reviewers(docket: Docket): Promise<Record<'moderator' | 'senior' | 'automation', string>> {
  const known = new Map<string, string>();
  for (const reviewer of REVIEWERS) {
    const found = await userByUsername(docket.store.db, reviewer.username);
    known.set(reviewer.username, found?.id ?? (await docket.access.createUser('system:demo', reviewer)).user.id);
  }
  const id = (username: string) => known.get(username) as string;
  return { moderator: id('scale-moderator'), senior: id('scale-senior'), automation: id('scale-autoreview') };
}

/**
 * Builds the rows and events of reports `first` to `first + count - 1` of the run. Report times climb through the
 * year ending a day before `now`, so the log reads roughly in time order. Authors recur (a third as many authors as
 * reports), and each author's strikes are counted as the run goes, so the ladder's penalties follow the rules.
 */
function generator(
  tag: string,
  now: Date,
  total: number,
  library: [LibrarySection, number][],
  staff: Record<'moderator' | 'senior' | 'automation', string>,
) {
  const random = seededRandom(parseInt(tag, 16));
  const rules = DEFAULT_MODERATION_RULES;
  const authors = Math.max(1, Math.floor(total / 3));
  const strikesOf = new Map<string, number[]>();
  const start = now.getTime() - DAY_MS - YEAR_MS;

  return async (first: number, count: number): Promise<Batch> => {
    const batch: Batch = {
      subjects: [],
      cases: [],
      reports: [],
      decisions: [],
      strikes: [],
      restrictions: [],
      notices: [],
      events: [],
    };
    for (let n = first; n < first + count; n++) {
      if ((n - first) % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
      const receivedAt = new Date(start + Math.floor(((n + random.next()) / total) * YEAR_MS));
      const place = random.weighted(PLACES);
      const alleged = random.weighted(library);
      const { section } = alleged;
      const source = random.weighted(SOURCES);
      const automated = source === 'automated' && random.next() < 0.6;
      const outcome = random.weighted(OUTCOMES.filter(([o]) => section.allowedOutcomes.includes(o)));
      const decidedBy = automated ? staff.automation : outcome === 'keep_newsworthy' ? staff.senior : staff.moderator;
      const claimedAt = new Date(
        receivedAt.getTime() +
          (automated ? random.int(1_000, 30_000) : Math.floor(random.next() ** 3 * 72 * HOUR_MS) + 60_000),
      );
      const decidedAt = new Date(claimedAt.getTime() + (automated ? 500 : random.int(30_000, 20 * 60_000)));
      const postedAt = new Date(receivedAt.getTime() - random.int(60_000, 48 * HOUR_MS));
      const accountRef = `scale-${tag}-author-${random.int(1, authors)}`;
      const views = Math.floor(10 ** (1 + random.next() * 5));
      const body = `[generated] post ${n} of scale run ${tag}`;
      const subjectId = uuidv7(receivedAt.getTime());
      const caseId = uuidv7(receivedAt.getTime());
      const reportId = uuidv7(receivedAt.getTime());
      const decisionId = uuidv7(decidedAt.getTime());
      const noticeId = uuidv7(decidedAt.getTime());
      const language = random.pick(place.languages);
      const contentType = random.weighted(CONTENT_TYPES);
      const stream = `case/${caseId}`;
      const event = (actor: string, at: Date, e: NewEvent) =>
        batch.events.push({
          stream: e.stream,
          type: e.type,
          payload: e.payload as JsonValue,
          actor,
          at: at.toISOString(),
        });
      const reviewer = `user:${decidedBy}`;

      batch.subjects.push({
        id: subjectId,
        platform: DEMO_PLATFORM,
        externalId: `scale-${tag}-${n}`,
        kind: 'content',
        contentType,
        authorExternalId: accountRef,
        body,
        language,
        country: place.country,
        views,
        shares: Math.floor(views / 20),
        followers: 0,
        contentHash: contentHashOf({ body }),
        postedAt,
        registeredAt: receivedAt,
      });
      event('system:demo', receivedAt, {
        type: 'subject.registered',
        stream: `subject/${subjectId}`,
        payload: {
          subjectId,
          platform: DEMO_PLATFORM,
          externalId: `scale-${tag}-${n}`,
          kind: 'content',
          contentType,
          authorExternalId: accountRef,
          country: place.country,
          language,
          title: null,
          body,
          url: null,
          views,
          shares: Math.floor(views / 20),
          followers: 0,
          publicFigure: null,
          accountType: null,
          contentHash: contentHashOf({ body }),
          postedAt: postedAt.toISOString(),
        },
      });

      const severityOf = `${alleged.policyId}/${section.id}`;
      const priority = priorityOf(
        {
          severity: section.severity,
          severityOf,
          views,
          followers: 0,
          postedAt,
          actor: 'private',
          context: 'none',
          openedAt: receivedAt,
          now: receivedAt,
        },
        rules,
      );
      const level = outcome === 'keep_newsworthy' ? 'senior' : 'frontline';
      batch.cases.push({
        id: caseId,
        subjectId,
        status: 'closed',
        level,
        openedAt: receivedAt,
        closedAt: decidedAt,
        priorityBase: priority.base,
        rankKey: priority.rankKey,
        priorityFactors: priority.factors,
        reportCount: 1,
        policiesAlleged: [alleged.policyId],
        gravestPolicyId: alleged.policyId,
        strongestSource: source,
        country: place.country,
        language,
        lastDecisionId: decisionId,
      });
      event('system:demo', receivedAt, {
        type: 'case.opened',
        stream,
        payload: {
          caseId,
          subjectId,
          level: 'frontline',
          country: place.country,
          language,
          policiesAlleged: [],
          gravestPolicyId: alleged.policyId,
          strongestSource: source,
          escalationNote: null,
        },
      });
      batch.reports.push({
        id: reportId,
        platform: DEMO_PLATFORM,
        subjectId,
        caseId,
        policyId: alleged.policyId,
        sectionId: section.id,
        reporterRef: source === 'user' ? `scale-reporter-${random.int(1, 50_000)}` : null,
        source,
        receivedAt,
      });
      event('system:demo', receivedAt, {
        type: 'report.received',
        stream,
        payload: {
          reportId,
          subjectId,
          caseId,
          policyId: alleged.policyId,
          sectionId: section.id,
          source,
          priority: Math.round(priority.base * 1000) / 1000,
          text: null,
          caseState: {
            reportCount: 1,
            policiesAlleged: [alleged.policyId],
            gravestPolicyId: alleged.policyId,
            strongestSource: source,
            priorityBase: priority.base,
            priorityFactors: priority.factors,
          },
        },
      });
      if (level === 'senior') {
        event(`user:${staff.moderator}`, claimedAt, {
          type: 'case.escalated',
          stream,
          payload: {
            caseId,
            from: 'frontline',
            to: 'senior',
            note: 'Possibly newsworthy: a senior reviewer should weigh the public interest.',
          },
        });
      }
      event(reviewer, claimedAt, {
        type: 'case.claimed',
        stream,
        payload: { caseId, userId: decidedBy, leaseExpiresAt: leaseUntil(claimedAt, rules).toISOString() },
      });

      const accountAction: AccountAction | null =
        outcome === 'remove' && random.next() < 0.03 ? { kind: 'suspend_account', days: 7 } : null;
      const active = (strikesOf.get(accountRef) ?? []).filter((expires) => expires > decidedAt.getTime());
      const consequences = consequencesOf(
        {
          outcome,
          accountAction,
          warningScreen: false,
          policyId: alleged.policyId,
          section,
          accountRef,
          postedAt,
          decidedAt,
          activeStrikes: active.length,
        },
        rules,
      );
      const facts = `${random.pick(FACTS[outcome])} (${alleged.policyTitle}, ${section.title})`;
      const balancing = outcome === 'keep_newsworthy' ? BALANCING : null;
      const decision = {
        decisionId,
        caseId,
        subjectId,
        policyId: alleged.policyId,
        sectionId: section.id,
        policyVersion: alleged.version,
        outcome,
        accountAction,
        facts,
        automatedDetection: source === 'automated',
        automatedDecision: automated,
        territorialScope: ['WORLD'],
        balancing,
        reviewOf: null,
        warningScreen: false,
        decidedBy,
      };
      const { decisionId: _id, ...decisionRow } = decision;
      batch.decisions.push({
        ...decisionRow,
        id: decisionId,
        decidedBy,
        decidedAt,
        warningScreen: false,
        status: 'in_force',
      });
      event(reviewer, decidedAt, {
        type: 'decision.taken',
        stream,
        payload: decision as Extract<NewEvent, { type: 'decision.taken' }>['payload'],
      });

      if (consequences.strike) {
        const strikeId = uuidv7(decidedAt.getTime());
        const expiresAt = strikeExpiry(decidedAt, rules);
        strikesOf.set(accountRef, [...active, expiresAt.getTime()]);
        batch.strikes.push({
          id: strikeId,
          platform: DEMO_PLATFORM,
          accountRef,
          decisionId,
          policyId: alleged.policyId,
          issuedAt: decidedAt,
          expiresAt,
        });
        event(reviewer, decidedAt, {
          type: 'strike.issued',
          stream,
          payload: {
            strikeId,
            decisionId,
            platform: DEMO_PLATFORM,
            accountRef,
            policyId: alleged.policyId,
            expiresAt: expiresAt.toISOString(),
            activeStrikes: consequences.strike.activeStrikes,
          },
        });
      }
      for (const { kind, endsAt, reason } of consequences.restrictions) {
        const restrictionId = uuidv7(decidedAt.getTime());
        batch.restrictions.push({
          id: restrictionId,
          platform: DEMO_PLATFORM,
          accountRef,
          kind,
          decisionId,
          reason,
          startsAt: decidedAt,
          endsAt,
        });
        event(reviewer, decidedAt, {
          type: 'account.restricted',
          stream,
          payload: {
            restrictionId,
            decisionId,
            platform: DEMO_PLATFORM,
            accountRef,
            kind,
            endsAt: endsAt?.toISOString() ?? null,
            reason,
          },
        });
      }
      const statement = statementOfReasons({
        outcome,
        warningScreen: false,
        accountMeasures: consequences.restrictions.map((r) => ({ kind: r.kind, endsAt: r.endsAt })),
        policyId: alleged.policyId,
        policyTitle: alleged.policyTitle,
        sectionId: section.id,
        sectionTitle: section.title,
        policyVersion: alleged.version,
        dsaCategory: alleged.dsaCategory,
        facts,
        contentType,
        territorialScope: ['WORLD'],
        source,
        automatedDetection: source === 'automated',
        automatedDecision: automated ? 'fully' : 'not',
        postedAt,
        decidedAt,
        appealUntil: addMonths(decidedAt, rules.appealWindowMonths),
      });
      batch.notices.push({
        id: noticeId,
        decisionId,
        platform: DEMO_PLATFORM,
        recipientRef: accountRef,
        statement,
        createdAt: decidedAt,
      });
      event(reviewer, decidedAt, {
        type: 'notice.issued',
        stream,
        payload: { noticeId, decisionId, platform: DEMO_PLATFORM, recipientRef: accountRef, statement },
      });
    }
    return batch;
  };
}
