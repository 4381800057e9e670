import type { UseCaseContext } from '../app/context.js';
import { PollingLoop } from '../platform/polling-loop.js';
import { fireDueDeadlines, type SweepResult } from './use-cases/fire-due-deadlines.js';

export interface SlaSweeperOptions {
  intervalMs: number;
  onError?: (error: unknown, ticketId?: string) => void;
  onSweep?: (result: SweepResult) => void;
}

/**
 * Fires time-limit warnings, breaches and escalation levels in the background. The first sweep
 * runs at start, so whatever fell due while the server was down fires then. Several processes
 * may run it against one PostgreSQL database: each milestone still fires once.
 */
export class SlaSweeper {
  private readonly loop: PollingLoop;

  constructor(
    private readonly ctx: UseCaseContext,
    private readonly options: SlaSweeperOptions,
  ) {
    const tick = async () => {
      const result = await this.sweep();
      for (const failure of result.failures) options.onError?.(failure.error, failure.ticketId);
      if (result.firings > 0) options.onSweep?.(result);
    };
    this.loop = new PollingLoop(tick, options.intervalMs, (error) => options.onError?.(error));
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Fires everything due now. */
  sweep(): Promise<SweepResult> {
    return fireDueDeadlines(this.ctx);
  }
}
