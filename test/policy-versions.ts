import type { Docket } from '../src/app.js';

/** Publishes a new version of the first current policy, its summary marked with `note`: one more public log entry. */
export async function publishPolicyVersion(docket: Docket, note: string): Promise<void> {
  const [current] = await docket.policies.current();
  if (!current) throw new Error('no policy to publish a version of');
  const { policyId, version: _v, changeNote: _c, publishedAt: _p, ...draft } = current;
  await docket.policies.publish(
    'system:test',
    policyId,
    { ...draft, summary: `${draft.summary} (${note})` } as Parameters<Docket['policies']['publish']>[2],
    note,
  );
}
