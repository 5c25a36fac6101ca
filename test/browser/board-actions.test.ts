import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Principal } from '../../src/core/roles.js';
import { principalOfView } from '../../src/access/service.js';
import { DEMO_PLATFORM } from '../../src/demo/seed.js';
import { describeInBrowser, openBrowserRig, signIn, type BrowserRig } from './harness.js';

type User = Extract<Principal, { kind: 'user' }>;

describeInBrowser('board actions from the console in chromium', () => {
  let rig: BrowserRig;
  let people: Record<string, User>;
  let decisionId: string;

  beforeAll(async () => {
    rig = await openBrowserRig();
    people = Object.fromEntries((await rig.docket.access.listUsers()).map((u) => [u.username, principalOfView(u)]));
    // A decision of the demo platform in force, which the platform's liaison will refer to the board.
    const { moderation } = rig.docket;
    const { body } = await moderation.ingestReports(
      'system:test',
      DEMO_PLATFORM,
      [
        {
          subject: {
            externalId: 'board-referral-1',
            kind: 'content',
            contentType: 'text',
            title: 'Satire of a minister',
            body: 'A cartoon of the minister as a wolf guarding sheep.',
            country: 'KEN',
            language: 'en',
            views: 250_000,
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
    ({ decisionId } = await moderation.decisions.decide(people.senior!, caseId, {
      policyId: 'violence-incitement',
      sectionId: 'threats-of-violence',
      outcome: 'no_violation',
      facts: 'Political satire, no threat.',
    }));
  });
  afterAll(() => rig?.close());

  it('the platform’s liaison refers a decision to the board, and the selection committee finds it among the candidates', async () => {
    const liaison = await signIn(rig, 'liaison');
    await liaison.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Board' }).click();
    const form = liaison.getByRole('form', { name: 'Refer to the board' });
    await form.getByLabel('Request').selectOption('platform_referral');
    await form.getByLabel('Track').selectOption('expedited');
    await form.getByLabel('Decision ID').fill(decisionId);
    await form.getByLabel('Title').fill('Sat');
    await form
      .getByLabel('Why the platform refers it')
      .fill('Where does political satire of ministers end and a threat begin?');
    await form.getByRole('button', { name: 'Submit to the board' }).click();
    await form.getByText('Title must be at least 5 characters long').waitFor();

    await form.getByLabel('Title').fill('Satire of a minister as a wolf');
    await form.getByRole('button', { name: 'Submit to the board' }).click();
    const status = form.getByRole('status').filter({ hasText: /^Submitted to the board as BC-\d{4}-\d{3,}/ });
    await status.waitFor();
    const ref = /BC-\d{4}-\d{3,}/.exec(await status.innerText())?.[0] as string;
    await liaison.close();

    const member = await signIn(rig, 'board');
    await member.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Board' }).click();
    const row = member.getByRole('table', { name: 'Candidates' }).getByRole('row').filter({ hasText: ref });
    await expect(row.innerText()).resolves.toMatch(/Satire of a minister as a wolf\s+platform referral · expedited/);
    await member.close();
  });

  it('a case manager attaches an expert’s brief to a case under deliberation, listed with its author', async () => {
    const [underDeliberation] = (await rig.docket.board.reads.managerDesk()).active.filter(
      (c) => c.status === 'selected',
    );
    expect(underDeliberation).toBeDefined();
    const manager = await signIn(rig, 'casemanager');
    await manager.goto(`${rig.baseUrl}/console/board/cases/${underDeliberation!.id}`);
    const form = manager.getByRole('form', { name: 'Attach a brief' });
    await form.getByLabel('Author').fill('Dr. Amara Osei');
    await form.getByLabel('Organisation').fill('Centre for Speech and Security');
    await form.getByLabel('Brief', { exact: true }).fill('Too short.');
    await form.getByRole('button', { name: 'Attach the brief' }).click();
    await form.getByText('Brief must be at least 20 characters long').waitFor();

    await form
      .getByLabel('Brief', { exact: true })
      .fill(
        'Threats by officials in a country under state violence carry more weight than the same words from others.',
      );
    await form.getByRole('button', { name: 'Attach the brief' }).click();
    await manager
      .getByRole('status')
      .filter({ hasText: 'The brief by Dr. Amara Osei (Centre for Speech and Security) is attached' })
      .waitFor();
    await manager
      .getByRole('list', { name: 'Comments' })
      .getByText('Brief by Dr. Amara Osei (Centre for Speech and Security)')
      .waitFor();
    await manager.close();
  });
});
