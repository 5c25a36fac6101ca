/** What other capabilities (the public site) read of the public log: pages of it, and entries about a subject. */
export { entriesAbout, publicLogSize, readPublicLog, type PublicLogDocument, type RecordedEntry } from './log.js';
