/** What the public site reads of the policy library: the current version of every policy, and one's history. */
export { currentPolicies, policyHistory } from './service.js';
