import type { CommandContext } from './command.js';

/**
 * The outbox as other capabilities see it: messages written in the caller's command and sent after commit by a
 * transport. Webhooks are one transport; a connector (Mastodon's admin API) is another, and brings its own sender.
 */

/** One message as a transport sends it. */
export interface OutboxMessage {
  id: string;
  platform: string;
  type: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

/**
 * How one attempt went: the outbox records it in the delivery log and retries, stops or settles the message.
 * `not_sent`: the sender found, when the message came due, that it must not go (the log says why).
 */
export interface SendResult {
  outcome: 'delivered' | 'retrying' | 'failed' | 'not_sent';
  /** The receiver's HTTP status; null when no answer came. */
  status: number | null;
  /** What the delivery log says; null when delivered. */
  error: string | null;
  /** When retrying: how long to wait at least (a receiver's Retry-After); the outbox's backoff may wait longer. */
  retryInSeconds: number | null;
}

/** Sends one message; `attempt` counts from 1. */
export type Sender = (message: OutboxMessage, attempt: number) => Promise<SendResult>;

export interface QueuedCall {
  platform: string;
  transport: string;
  type: string;
  payload: Record<string, unknown>;
  /** What the message carries out, for the delivery log. */
  purpose: string;
  /** Not sent before this (a measure lifted when it ends); now when absent. */
  notBefore?: Date;
  /** Messages with the same key go one at a time, in the order written. */
  orderingKey?: string;
  /** What the message belongs to (a decision's id), so its pending messages can be withdrawn. */
  groupRef?: string;
}

export interface OutboxQueue {
  /** Queues a message in the caller's command. */
  enqueue(ctx: CommandContext, call: QueuedCall): Promise<void>;
  /** Records, in the delivery log, something that was not sent and why: nothing is pretended. */
  notSent(ctx: CommandContext, call: Omit<QueuedCall, 'notBefore' | 'orderingKey'>, reason: string): Promise<void>;
  /** Withdraws a group's messages not yet due (`notBefore` still ahead), saying why; returns how many. */
  withdrawPending(ctx: CommandContext, transport: string, groupRef: string, reason: string): Promise<number>;
}
