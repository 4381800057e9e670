import type { UseCaseContext } from '../app/context.js';
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
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly ctx: UseCaseContext,
    private readonly options: SlaSweeperOptions,
  ) {}

  start(): void {
    const tick = () => {
      this.running = this.sweep()
        .then((result) => {
          for (const failure of result.failures) this.options.onError?.(failure.error, failure.ticketId);
          if (result.firings > 0) this.options.onSweep?.(result);
        })
        .catch((error: unknown) => this.options.onError?.(error))
        .finally(() => {
          this.running = null;
          if (this.timer) this.timer = setTimeout(tick, this.options.intervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Fires everything due now. */
  sweep(): Promise<SweepResult> {
    return fireDueDeadlines(this.ctx);
  }
}
