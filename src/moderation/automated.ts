import { and, eq } from 'drizzle-orm';
import type { CommandRunner } from '../core/command.js';
import { DocketError } from '../core/errors.js';
import { actorOf, type Principal } from '../core/roles.js';
import type { AutomatedDecisionInput, DecisionResult } from './contract.js';
import type { createDecisions } from './decisions.js';
import { checkAutomation, toolKey } from './automation-rules.js';
import { cases, subjects } from './tables.js';

type Integration = Extract<Principal, { kind: 'integration' }>;

/**
 * Decisions a platform's tools took, recorded through its integration (EU DSA Art. 17(3)(c)): the decision goes
 * through the same command as a reviewer's (checks, strike, restrictions, notice), on the subject's open case or
 * on a case opened for it, with the tool, its score and whether a person reviewed it on the record.
 */
export function createAutomatedDecisions(deps: { run: CommandRunner; decisions: ReturnType<typeof createDecisions> }) {
  const { run, decisions } = deps;

  async function record(integration: Integration, input: AutomatedDecisionInput): Promise<DecisionResult> {
    const { subjectExternalId, automation, ...decision } = input;
    checkAutomation(automation, { decider: 'integration', onAppeal: false });
    return run(actorOf(integration), async (ctx) => {
      const [subject] = await ctx.tx
        .select()
        .from(subjects)
        .where(and(eq(subjects.platform, integration.platform), eq(subjects.externalId, subjectExternalId)));
      if (!subject)
        throw new DocketError('not_found', `no subject ${subjectExternalId} of platform ${integration.platform}`, [
          { field: '/subjectExternalId', message: 'unknown subject' },
        ]);
      const [open] = await ctx.tx
        .select({ strongestSource: cases.strongestSource })
        .from(cases)
        .where(and(eq(cases.subjectId, subject.id), eq(cases.status, 'open')));
      // Unless the platform says, the tool found the content itself when no report brought it (or a tool reported it).
      const automatedDetection = decision.automatedDetection ?? (!open || open.strongestSource === 'automated');
      // The integration decides as its token: no roles, so nothing only senior staff may do (the newsworthiness allowance).
      const decider = {
        kind: 'user' as const,
        id: integration.id,
        username: `integration:${integration.name}`,
        displayName: integration.name,
        roles: [],
        platform: integration.platform,
      };
      return decisions.decideSubject(
        ctx,
        decider,
        subject,
        { ...decision, automatedDetection, automation, byIntegration: true },
        `automated decision by ${toolKey(automation)}`,
      );
    });
  }

  return { record };
}
