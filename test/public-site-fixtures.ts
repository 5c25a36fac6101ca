import { createDocket, type Docket } from '../src/app.js';
import type { Principal } from '../src/core/roles.js';
import { principalOfView } from '../src/access/service.js';
import { ManualClock } from '../src/core/clock.js';
import { DEMO_PLATFORM } from '../src/demo/seed.js';

type User = Extract<Principal, { kind: 'user' }>;
const DAY = 86_400_000;

/** What the public pages must never show: each is written into the record by `addSecondCase`. */
export const SECRETS = {
  appellantStatement: 'PRIVATE-STATEMENT: the appellant lives at 12 Canal Street.',
  commenterEmail: 'eve.private@example.org',
  anonymousName: 'Hidden Commenter Name',
  rejectedReasons: 'PRIVATE-REJECTED: staff-only reasons of a rejected designation.',
  proposedReasons: 'PRIVATE-PROPOSED: reasons of a designation still under review.',
} as const;

export const HOSTILE_TITLE = 'Mayor <script>alert("title")</script> warns protesters';
export const HOSTILE_COMMENT = 'Protesters were beaten last spring. <script>alert("comment")</script> Remove the post.';

/** The demo's users, as the services take them. */
export async function demoPeople(docket: Docket): Promise<Record<string, User>> {
  return Object.fromEntries((await docket.access.listUsers()).map((u) => [u.username, principalOfView(u)]));
}

/**
 * On a Docket seeded with the demo, a second board case decided at `at`: a Dutch mayor's post kept by the platform,
 * appealed by a user, overturned by the board with two recommendations the platform has not answered and an
 * obligation it has not carried out. Its title and an approved comment carry markup. Also a candidate (not public),
 * and designations in each state: one ended, one rejected, one proposed.
 */
export async function addSecondCase(docket: Docket, at: Date): Promise<{ ref: string; candidateRef: string }> {
  const clock = new ManualClock(at);
  const replay = await createDocket({ config: docket.config, store: docket.store, clock, ids: docket.ids });
  const people = await demoPeople(replay);
  const { moderation, board } = replay;

  const { body } = await moderation.ingestReports(
    'system:test',
    DEMO_PLATFORM,
    [
      {
        subject: {
          externalId: 'public-site-1',
          kind: 'content',
          contentType: 'text',
          authorExternalId: 'acct-mayor-nl',
          title: HOSTILE_TITLE,
          body: 'Protesters outside the town hall will be dealt with the old way tonight.',
          country: 'NLD',
          language: 'nl',
          views: 90_000,
        },
        policyId: 'violence-incitement',
        sectionId: 'threats-of-violence',
        source: 'user',
      },
    ],
    null,
  );
  const caseId = body.receipts[0]?.caseId as string;
  await moderation.queue.claim(people.senior!, caseId);
  const kept = await moderation.decisions.decide(people.senior!, caseId, {
    policyId: 'violence-incitement',
    sectionId: 'threats-of-violence',
    outcome: 'no_violation',
    facts: 'Read as a figure of speech about policing.',
  });
  const appeal = await moderation.appeals.file('system:test', DEMO_PLATFORM, {
    decisionId: kept.decisionId,
    appellant: 'reporter',
    statement: 'This is a threat against protesters.',
  });
  await moderation.appeals.decide(people.policy!, appeal.appealId, {
    result: 'upheld',
    reason: 'A figure of speech, not a threat.',
  });
  const filed = await board.intake.appeal('system:test', DEMO_PLATFORM, {
    decisionId: kept.decisionId,
    statement: SECRETS.appellantStatement,
  });
  await board.intake.select(people.board3!, filed.boardCaseId, {
    note: 'An elected official threatening protesters: civic space.',
  });

  clock.advance(DAY);
  const named = await board.deliberation.comment(
    filed.ref,
    { name: 'Eve Janssen', email: SECRETS.commenterEmail, anonymous: false, body: HOSTILE_COMMENT },
    '192.0.2.200',
  );
  const hidden = await board.deliberation.comment(
    filed.ref,
    { name: SECRETS.anonymousName, anonymous: true, body: 'I was at the protest and saw people hurt afterwards.' },
    '192.0.2.201',
  );
  for (const { commentId } of [named, hidden])
    await board.deliberation.moderateComment(people.casemanager!, commentId, { status: 'approved', note: 'On topic.' });

  const panel = (await board.reads.caseFile(people.casemanager!, filed.boardCaseId)).panel
    .filter((s) => s.status === 'seated')
    .map((s) => Object.values(people).find((p) => p.id === s.userId) as User);
  await board.deliberation.saveDraft(panel[0]!, filed.boardCaseId, {
    text: 'The board overturns the decision to keep the post.\n\nA mayor who threatens protesters with violence on the eve of a protest is not speaking figuratively.',
    recommendations: [
      {
        text: 'Treat threats by elected officials against protesters as threats of violence.',
        measure: 'The policy text says so.',
      },
      {
        text: 'Publish how often posts by elected officials are reviewed for threats.',
        measure: 'Numbers in the transparency report.',
      },
    ],
  });
  for (const [i, member] of panel.slice(0, 4).entries()) {
    await board.deliberation.vote(
      member,
      filed.boardCaseId,
      i === 3
        ? { vote: 'uphold', opinion: 'A minority read the post as hyperbole that voters should judge for themselves.' }
        : { vote: 'overturn' },
    );
  }
  clock.advance(DAY);
  // The fixture's comment period is still open: the case manager closes it early, on the record, so the panel may publish.
  await board.deliberation.closeComments(people.casemanager!, filed.boardCaseId, {
    reason: 'The panel has the comments it needs before the protest date.',
  });
  await board.deliberation.publish(people.casemanager!, filed.boardCaseId, { confirm: true });

  const candidate = await board.intake.refer(`user:${people.liaison!.id}`, DEMO_PLATFORM, {
    kind: 'policy_advisory',
    track: 'standard',
    title: 'A question still before the selection committee',
    statement: 'Should the platform treat satire by officials differently from satire by others?',
  });

  const ended = await replay.designations.propose('system:detector', {
    iso3: 'NLD',
    kind: 'acute',
    reasons: 'Riots after the election in three cities.',
    source: 'detector',
  });
  await replay.designations.approve(people.policy!, ended.id, 'Unrest confirmed by local partners.');
  clock.advance(DAY);
  await replay.designations.end(people.policy!, ended.id, 'Calm has returned.');
  const rejected = await replay.designations.propose(`user:${people.policy!.id}`, {
    iso3: 'BRA',
    kind: 'acute',
    reasons: SECRETS.rejectedReasons,
    source: 'staff',
  });
  await replay.designations.reject(people.policy!, rejected.id, 'Not a crisis.');
  await replay.designations.propose(`user:${people.policy!.id}`, {
    iso3: 'DEU',
    kind: 'chronic',
    reasons: SECRETS.proposedReasons,
    source: 'staff',
  });
  return { ref: filed.ref, candidateRef: candidate.ref };
}
