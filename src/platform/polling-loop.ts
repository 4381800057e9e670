/**
 * The loop of a background worker: runs `tick` at once, then again `intervalMs` after each run
 * ended (never two runs at a time), until stopped. `stop` waits for a run in progress, so a
 * worker's transaction is never cut off by the process closing the database under it.
 */
export class PollingLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly tick: () => Promise<unknown>,
    private readonly intervalMs: number,
    private readonly onError?: (error: unknown) => void,
  ) {}

  start(): void {
    const run = () => {
      this.running = this.tick()
        .then(() => undefined)
        .catch((error: unknown) => this.onError?.(error))
        .finally(() => {
          this.running = null;
          if (this.timer) this.timer = setTimeout(run, this.intervalMs);
        });
    };
    this.timer = setTimeout(run, 0);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** True once `stop` was called while a run is in progress: a long run should end early. */
  get stopping(): boolean {
    return this.timer === null && this.running !== null;
  }
}
