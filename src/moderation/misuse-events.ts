import { Type } from 'typebox';
import { MisuseMeasure, MisuseRule } from './misuse-contract.js';
import { MISUSE_MARKS, MISUSE_PARTIES } from './misuse-rules.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/**
 * The events of measures against misuse (EU DSA Art. 23), on the person's stream `misuse/<party key>` (a notifier's
 * key is a hash of their address, never the address), and the rules' on `misuse/rules`.
 */
export const misuseEventTypes = {
  'misuse.rules_changed': Type.Object({ party: Type.Enum(MISUSE_PARTIES), ...MisuseRule.properties }),
  /** A notice or complaint found manifestly unfounded, or content manifestly illegal. */
  'misuse.marked': Type.Object({
    markId: Type.String(),
    kind: Type.Enum(MISUSE_MARKS),
    itemId: Type.String(),
    party: Type.Enum(MISUSE_PARTIES),
    partyKey: Type.String(),
    reason: Type.String(),
  }),
  /** A warning or a suspension, and how the person was told (the e-mail, the platform's webhook). */
  'misuse.measure_taken': Type.Object({
    measureId: Type.String(),
    ...Type.Pick(MisuseMeasure, ['party', 'partyLabel', 'platform', 'kind', 'reason', 'marks', 'startsAt', 'endsAt'])
      .properties,
    partyKey: Type.String(),
    markId: Type.String(),
    restrictionId: Nullable(Type.String()),
    channels: Type.Array(Type.Enum(['email', 'webhook'])),
  }),
  'misuse.measure_appealed': Type.Object({ measureId: Type.String(), statement: Type.String() }),
  /** An appeal decided, or a suspension lifted: `lifted` ends it at once. */
  'misuse.measure_reviewed': Type.Object({
    measureId: Type.String(),
    result: Type.Enum(['lifted', 'upheld']),
    reason: Type.String(),
  }),
};
