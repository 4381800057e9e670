import { PollingLoop } from '../platform/polling-loop.js';
import type { UseCaseContext } from './context.js';
import type { Repositories } from './repositories.js';

export interface HousekeepingOptions {
  intervalMs: number;
  /** Delivered outbox messages older than this are deleted. */
  outboxRetentionMs: number;
  /** Idempotency keys older than this are forgotten. */
  idempotencyRetentionMs: number;
  /** Rows deleted per transaction; small enough that requests waiting to write barely notice. */
  batchSize?: number;
  /** Batches per table per run; a larger backlog is worked off over the following runs. */
  maxBatches?: number;
  onError?: (error: unknown) => void;
  onPurge?: (result: HousekeepingResult) => void;
}

/** How many rows one run deleted, per kind. */
export interface HousekeepingResult {
  outboxMessages: number;
  idempotencyKeys: number;
}

interface Target {
  kind: keyof HousekeepingResult;
  retentionMs: number;
  purge: (repos: Repositories, before: string, limit: number) => Promise<number>;
}

/**
 * Keeps the tables that grow with every request bounded: delivered outbox messages (one per
 * ticket event, kept for a while to diagnose a delivery) and idempotency keys (one per create
 * that sent one). Undelivered messages are never deleted. Several processes may run it against
 * one PostgreSQL database: each skips the rows another is deleting.
 */
export class Housekeeping {
  private readonly loop: PollingLoop;
  private readonly targets: Target[];

  constructor(
    private readonly ctx: UseCaseContext,
    private readonly options: HousekeepingOptions,
  ) {
    this.targets = [
      { kind: 'outboxMessages', retentionMs: options.outboxRetentionMs, purge: (r, before, limit) => r.outbox.purgeDelivered(before, limit) },
      { kind: 'idempotencyKeys', retentionMs: options.idempotencyRetentionMs, purge: (r, before, limit) => r.idempotency.purgeOlderThan(before, limit) },
    ];
    const tick = async () => {
      const result = await this.runOnce();
      if (Object.values(result).some((deleted) => deleted > 0)) options.onPurge?.(result);
    };
    this.loop = new PollingLoop(tick, options.intervalMs, options.onError);
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Deletes what has outlived its retention, in batches of its own transaction each. */
  async runOnce(): Promise<HousekeepingResult> {
    const result: HousekeepingResult = { outboxMessages: 0, idempotencyKeys: 0 };
    const batchSize = this.options.batchSize ?? 1000;
    const now = this.ctx.clock.now().getTime();
    for (const target of this.targets) {
      const before = new Date(now - target.retentionMs).toISOString();
      for (let batch = 0; batch < (this.options.maxBatches ?? 50) && !this.loop.stopping; batch++) {
        const deleted = await this.ctx.uow.write((repos) => target.purge(repos, before, batchSize));
        result[target.kind] += deleted;
        if (deleted < batchSize) break;
      }
    }
    return result;
  }
}
