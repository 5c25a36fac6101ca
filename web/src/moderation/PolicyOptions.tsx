import type { PolicyVersion } from '../../../src/policy/contract';

/** The policy library as the options of a select, each policy with the version a decision would cite. */
export function PolicyOptions({ policies }: { policies: PolicyVersion[] }) {
  return (
    <>
      <option value="">Choose a policy</option>
      {policies.map((p) => (
        <option key={p.policyId} value={p.policyId}>
          {p.title} (v{p.version})
        </option>
      ))}
    </>
  );
}
