import type { CommandContext } from './command.js';
import type { ContextKind } from './outcomes.js';

/**
 * Where a country's crisis designation comes from: the crisis protocol provides it, and moderation and the
 * public-figure registry are given it (src/app.ts), so neither imports the other's or crisis's code for it.
 */
export type ContextOf = (tx: CommandContext['tx'], countries: string[]) => Promise<Map<string, ContextKind>>;
