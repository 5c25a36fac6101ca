/** What other capabilities (the public site) read of the public log: pages of it, and entries about a subject. */
export { entriesAbout, publicLogSize, readPublicLog, type PublicLogDocument, type RecordedEntry } from './log.js';
/** Who witnesses the log, as the public site shows them. */
export type { WitnessStatus } from './witnessing.js';
