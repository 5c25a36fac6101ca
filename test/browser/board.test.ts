import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Principal } from '../../src/core/roles.js';
import { principalOfView } from '../../src/access/service.js';
import { DEMO_PLATFORM } from '../../src/demo/seed.js';
import { describeInBrowser, openBrowserRig, signIn, type BrowserRig } from './harness.js';

type User = Extract<Principal, { kind: 'user' }>;

describeInBrowser('oversight board in chromium', () => {
  let rig: BrowserRig;
  let people: Record<string, User>;
  let boardCaseId: string;
  let ref: string;

  beforeAll(async () => {
    rig = await openBrowserRig();
    people = Object.fromEntries((await rig.docket.access.listUsers()).map((u) => [u.username, principalOfView(u)]));
    // A decision kept after the platform's internal appeal, which the user then takes to the board.
    const { moderation } = rig.docket;
    const { body } = await moderation.ingestReports(
      'system:test',
      DEMO_PLATFORM,
      [
        {
          subject: {
            externalId: 'board-browser-1',
            kind: 'content',
            contentType: 'text',
            authorExternalId: 'acct-mayor',
            title: 'Mayor’s post about protesters',
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
    const filed = await rig.docket.board.intake.appeal('system:test', DEMO_PLATFORM, {
      decisionId: kept.decisionId,
      statement: 'The mayor threatens protesters; the platform should remove it.',
    });
    ({ boardCaseId, ref } = filed);
  });
  afterAll(() => rig?.close());

  it('takes a case from appeal to published decision to the platform’s response', async () => {
    // The selection committee selects the case from the ranked candidates.
    const member = await signIn(rig, 'board');
    await member.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Board' }).click();
    await member.getByRole('table', { name: 'Candidates' }).getByRole('link', { name: ref }).click();
    const select = member.getByRole('form', { name: 'Select this case' });
    await expect(select.getByLabel('Region').inputValue()).resolves.toBe('europe');
    await select.getByLabel('Why the board takes it').fill('An elected official threatening protesters: civic space.');
    await select.getByRole('button', { name: 'Select the case' }).click();
    await member.getByRole('status').filter({ hasText: 'the panel is drawn' }).waitFor();
    await member.close();

    // The public comments, without an account.
    const visitor = await rig.browser.newPage();
    visitor.setDefaultTimeout(10_000);
    await visitor.goto(`${rig.baseUrl}/board/cases/${ref}/comment`);
    const form = visitor.getByRole('form', { name: 'Public comment' });
    await form.getByLabel('Name', { exact: true }).fill('Noor Visser');
    await form.getByLabel('Publish my comment without my name').check();
    await form
      .getByLabel('Comment', { exact: true })
      .fill('Protesters in our town were beaten last spring after similar words.');
    await form.getByRole('button', { name: 'Send comment' }).click();
    await visitor.getByRole('status').filter({ hasText: 'your comment was received' }).waitFor();
    await visitor.close();

    // A panel member drafts and votes; two more vote.
    const panel = (await rig.docket.board.reads.caseFile(people.casemanager!, boardCaseId)).panel
      .filter((s) => s.status === 'seated')
      .map((s) => Object.values(people).find((p) => p.id === s.userId) as User);
    const drafter = await signIn(rig, panel[0]!.username);
    await drafter.goto(`${rig.baseUrl}/console/board/cases/${boardCaseId}`);
    const draft = drafter.getByRole('form', { name: 'Draft' });
    await draft
      .getByLabel('Decision text')
      .fill('The board overturns the decision: the post threatens protesters with violence.');
    await draft
      .getByLabel(/Recommendations/)
      .fill('Treat threats by elected officials against protesters as threats of violence. | The policy text says so.');
    await draft.getByRole('button', { name: 'Save a new version' }).click();
    await drafter.getByRole('heading', { name: 'Draft decision (version 1)' }).waitFor();
    const vote = drafter.getByRole('form', { name: 'Vote' });
    await vote.getByLabel('overturn').check();
    await vote.getByRole('button', { name: 'Cast vote' }).click();
    // Waits for the answer: reading the status at once raced the vote's request on a busy machine.
    await drafter.getByRole('status').filter({ hasText: 'Your vote (overturn) is recorded' }).waitFor();
    await drafter.close();
    for (const member2 of panel.slice(1, 3))
      await rig.docket.board.deliberation.vote(member2, boardCaseId, { vote: 'overturn' });

    // The case manager approves the comment and publishes.
    const manager = await signIn(rig, 'casemanager');
    await manager.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Board' }).click();
    const comment = manager.getByRole('listitem', { name: `Comment on ${ref}` });
    await comment.getByRole('button', { name: 'Approve' }).click();
    await comment.waitFor({ state: 'detached' });
    await manager.goto(`${rig.baseUrl}/console/board/cases/${boardCaseId}`);
    // Comments are still open: publication waits, unless the case manager closes them early, on the record.
    await expect(manager.getByRole('button', { name: 'Publish the decision' }).count()).resolves.toBe(0);
    const close = manager.getByRole('form', { name: 'Close comments early' });
    await close
      .getByLabel(/Why the comment period closes early/)
      .fill('The panel has the comments it needs before the next protest.');
    await close.getByRole('button', { name: 'Close comments now' }).click();
    await manager.getByRole('status').filter({ hasText: 'Public comments are closed' }).waitFor();
    await manager.getByRole('button', { name: 'Publish the decision' }).click();
    const confirm = manager.getByRole('group', { name: 'Confirm publication' });
    await expect(confirm.innerText()).resolves.toMatch(
      /overturn 3[\s\S]*needs 3 of the 5 seated members[\s\S]*Publication is final/,
    );
    await confirm.getByRole('button', { name: 'Confirm: publish now' }).click();
    await expect(manager.getByRole('article', { name: 'Decision' }).innerText()).resolves.toContain(
      'Decision: overturn',
    );
    await expect(manager.getByRole('list', { name: 'Comments' }).innerText()).resolves.toContain(
      'Comment by Anonymous',
    );
    await manager.close();
    const late = await rig.browser.newPage();
    await late.goto(`${rig.baseUrl}/board/cases/${ref}/comment`);
    await late.getByText(/Public comments closed early on \d{4}-\d{2}-\d{2}/).waitFor();
    await late.close();

    // The platform's liaison implements within 7 days and answers the recommendation.
    const liaison = await signIn(rig, 'liaison');
    await liaison.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Board' }).click();
    const obligation = liaison.getByRole('listitem', { name: `Obligation ${ref}` });
    await obligation.getByLabel('What was done').fill('The post was removed in every country.');
    await obligation.getByRole('button', { name: 'Implement the decision' }).click();
    await liaison.getByRole('status').filter({ hasText: 'Implemented on time' }).waitFor();
    const rec = liaison.getByRole('listitem', { name: `Recommendation ${ref}-R1` });
    await rec.getByText('Record a response').click();
    const respond = rec.getByRole('form', { name: `Respond to ${ref}-R1` });
    await respond.getByLabel('Response').selectOption('implementing_fully');
    await respond.getByLabel('Reasons').fill('We will add elected officials to the examples in the policy.');
    await respond.getByLabel('Timeline').fill('By the end of the quarter');
    await respond.getByRole('button', { name: 'Record response' }).click();
    await expect(rec.getByRole('list', { name: `Responses to ${ref}-R1` }).innerText()).resolves.toContain(
      'implementing fully',
    );
    await expect(rec.innerText()).resolves.toContain('answered');
    await liaison.screenshot({ path: 'test-results/board-liaison.png', fullPage: true });
    await liaison.close();
    // Four people's sessions through the whole board flow: about 27 s on a quiet machine, past the default 30 s in CI.
  }, 120_000);
});
