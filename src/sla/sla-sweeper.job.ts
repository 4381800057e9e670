import type { UseCaseContext } from '../app/context.js';
import { PollingLoop } from '../platform/polling-loop.js';
import { resumeDueWaits, type ResumeResult } from '../tickets/use-cases/resume-due-waits.js';
import { fireDueDeadlines, type SweepResult } from './use-cases/fire-due-deadlines.js';

export interface SlaSweeperOptions {
  intervalMs: number;
  onError?: (error: unknown, ticketId?: string) => void;
  onSweep?: (result: SweepResult) => void;
  onResume?: (result: ResumeResult) => void;
}

/**
 * Fires time-limit warnings, breaches and escalation levels in the background, and resumes the
 * waiting tickets whose resume time (`wait {until}`) has come, which restarts their clocks. The first sweep
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
      const { deadlines, waits } = await this.sweep();
      for (const failure of [...deadlines.failures, ...waits.failures]) options.onError?.(failure.error, failure.ticketId);
      if (deadlines.firings > 0) options.onSweep?.(deadlines);
      if (waits.resumed > 0) options.onResume?.(waits);
    };
    this.loop = new PollingLoop(tick, options.intervalMs, (error) => options.onError?.(error));
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /**
   * Resumes the waits that have run out, then fires everything due now: a wait resumed after
   * downtime runs its clocks from its resume time, and what fell due since fires in this sweep.
   */
  async sweep(): Promise<{ deadlines: SweepResult; waits: ResumeResult }> {
    const waits = await resumeDueWaits(this.ctx);
    return { deadlines: await fireDueDeadlines(this.ctx), waits };
  }
}
