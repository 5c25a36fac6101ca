/**
 * The Transparency Database's enumerations live in core (src/core/dsa-tdb-enums.ts) because the policy library
 * validates its DSA categories and keywords against them too; the DSA export's modules read them from here.
 */
export * from '../../core/dsa-tdb-enums.js';
