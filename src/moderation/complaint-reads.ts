/** What other capabilities may see of complaints through links (the public site's complaint page). */
export type { ComplaintView } from './complaint-contract.js';
