import { randomUUID } from 'node:crypto';
import type { UseCaseContext } from '../app/context.js';
import { PollingLoop } from '../platform/polling-loop.js';
import { runImportStep, type ChunkReport } from './use-cases/run-imports.js';

export interface ImportWorkerOptions {
  /** How long to wait before looking again when there was nothing to do. */
  pollMs: number;
  /** How often a ticket chunk in progress renews the job's lease (default a quarter of the lease). */
  heartbeatMs?: number;
  onError?: (error: unknown) => void;
  onFinished?: (report: ChunkReport) => void;
}

/**
 * Imports queued CSV files in the background, one chunk at a time, taking turns between jobs
 * (the one that waited longest goes next). Jobs left running by a process that stopped are taken
 * over once their lease runs out, and resume after their last committed chunk. Several
 * processes may run it against one PostgreSQL database: a job is held by one worker at a time.
 * A chunk renews its lease while it runs; a worker that lost the job all the same (stalled past
 * the lease, or its clock behind the others') has its results discarded, not added twice.
 */
export class ImportWorker {
  /** This worker's name in the jobs it holds. */
  readonly id = `worker-${randomUUID()}`;
  private readonly loop: PollingLoop;

  constructor(
    private readonly ctx: UseCaseContext,
    private readonly options: ImportWorkerOptions,
  ) {
    this.loop = new PollingLoop(() => this.drain(), options.pollMs, options.onError);
  }

  start(): void {
    this.loop.start();
  }

  /** Stops after the chunk in progress (which commits whole). */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Imports one chunk of the job whose turn it is; null when no job has work left. */
  async runOnce(): Promise<ChunkReport | null> {
    const report = await runImportStep(this.ctx, this.id, { heartbeatMs: this.options.heartbeatMs });
    // A worker that was replaced did not finish the job: its holder reports that.
    if (report && !report.superseded && report.status !== 'running' && report.status !== 'queued') this.options.onFinished?.(report);
    return report;
  }

  /** Runs chunks until no job has work left (or the worker is being stopped); answers how many ran. */
  async drain(): Promise<number> {
    let chunks = 0;
    for (;;) {
      let report: ChunkReport | null;
      try {
        report = await this.runOnce();
      } catch (error) {
        // That chunk is retried after a pause (see run-imports); the others go on meanwhile.
        this.options.onError?.(error);
        return chunks;
      }
      if (!report) return chunks;
      chunks += 1;
      if (this.loop.stopping) return chunks;
    }
  }
}
