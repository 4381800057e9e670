import type { Clock } from '../clock.js';
import { PollingLoop } from '../polling-loop.js';
import type { Transactor } from '../db/unit-of-work.js';
import type { OutboxMessage, OutboxRepository } from './outbox-repository.js';

/** Delivers one message; throwing makes the worker retry it later. */
export type OutboxHandler = (message: OutboxMessage) => Promise<void>;

export interface OutboxWorkerOptions {
  pollMs: number;
  batchSize?: number;
  /** How long a taken message stays hidden from other workers while it is being delivered. */
  leaseMs?: number;
  onError?: (error: unknown, message?: OutboxMessage) => void;
}

const MAX_BACKOFF_MS = 15 * 60_000;

/**
 * Sends what use cases left in the outbox, after their transactions committed. A message is
 * marked done only after its handler succeeded; a failure is retried with exponential backoff,
 * so delivery is at least once and handlers must be idempotent (they get the message id).
 */
export class OutboxWorker {
  private readonly handlers = new Map<string, OutboxHandler[]>();
  private readonly loop: PollingLoop;

  constructor(
    private readonly uow: Transactor<{ outbox: OutboxRepository }>,
    private readonly clock: Clock,
    private readonly options: OutboxWorkerOptions,
  ) {
    this.loop = new PollingLoop(() => this.drain(), options.pollMs, (error) => options.onError?.(error));
  }

  /** Subscribes a handler to a topic; a topic nobody subscribed to is simply marked delivered. */
  on(topic: string, handler: OutboxHandler): this {
    this.handlers.set(topic, [...(this.handlers.get(topic) ?? []), handler]);
    return this;
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Delivers everything due now; returns how many messages were handled (successfully or not). */
  async drain(): Promise<number> {
    let handled = 0;
    for (;;) {
      const now = this.clock.now();
      const leaseUntil = new Date(now.getTime() + (this.options.leaseMs ?? 60_000)).toISOString();
      const batch = await this.uow.write((repos) => repos.outbox.lease(now.toISOString(), leaseUntil, this.options.batchSize ?? 100));
      if (batch.length === 0) return handled;
      const delivered: number[] = [];
      for (const message of batch) if (await this.deliver(message)) delivered.push(message.id);
      // One write for the whole batch: a commit per message would cost more than the delivery.
      if (delivered.length > 0) await this.uow.write((repos) => repos.outbox.markDone(delivered, this.clock.now().toISOString()));
      handled += batch.length;
    }
  }

  /** Hands the message to its subscribers; a failure is scheduled for a retry and answers false. */
  private async deliver(message: OutboxMessage): Promise<boolean> {
    try {
      for (const handler of this.handlers.get(message.topic) ?? []) await handler(message);
      return true;
    } catch (error) {
      this.options.onError?.(error, message);
      const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(message.attempts, 20));
      const retryAt = new Date(this.clock.now().getTime() + delay).toISOString();
      await this.uow.write((repos) => repos.outbox.markFailed(message.id, String(error), retryAt));
      return false;
    }
  }
}
