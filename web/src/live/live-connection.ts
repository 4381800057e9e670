import { EventStream, type LiveEvent, type LiveState } from './event-stream';
import type { TabMessage, WorkerMessage } from './live-worker';

export type { LiveEvent, LiveMessage, LiveState, LiveStatus } from './event-stream';

/**
 * The page's view of the live stream. Where the browser has shared workers, the stream itself
 * lives in live-worker.ts, one for all the user's tabs; otherwise (or should the worker fail to
 * start) the page opens its own (event-stream.ts). Either way the page hears the same messages and
 * states, and a `resync` after any reconnection.
 */
export class LiveConnection {
  private port: MessagePort | null = null;
  private local: EventStream | null = null;
  private readonly listeners = new Set<(event: LiveEvent) => void>();
  private readonly watchers = new Set<() => void>();
  private state: LiveState = { status: 'idle', lastEventAt: null };

  constructor(private readonly url: string) {}

  /** Joins the stream of `scope` (the signed-in user's id: tabs of one user share a stream). */
  start(scope: string): void {
    if (this.port || this.local) return;
    if (typeof SharedWorker === 'undefined' || !this.joinShared(scope)) this.openLocal();
  }

  stop(): void {
    if (this.port) {
      this.port.postMessage({ kind: 'leave' } satisfies TabMessage);
      this.port.close();
      this.port = null;
    }
    this.local?.close();
    this.local = null;
    this.update({ status: 'idle' });
  }

  /** Messages as they arrive; answers how to stop listening. */
  subscribe(listener: (event: LiveEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** For useSyncExternalStore: the state, and a way to hear that it changed. */
  getState = (): LiveState => this.state;
  watch = (onChange: () => void): (() => void) => {
    this.watchers.add(onChange);
    return () => this.watchers.delete(onChange);
  };

  private joinShared(scope: string): boolean {
    let worker: SharedWorker;
    try {
      worker = new SharedWorker(new URL('./live-worker.ts', import.meta.url), { type: 'module', name: 'gongdan-live' });
    } catch {
      return false;
    }
    const port = worker.port;
    this.port = port;
    worker.onerror = () => {
      // The worker could not start (blocked, failed to load): this page keeps its own stream.
      if (this.port !== port) return;
      this.port = null;
      this.openLocal();
    };
    port.onmessage = ({ data }: MessageEvent<WorkerMessage>) => {
      if (this.port !== port) return;
      if (data.kind === 'state') this.update(data.state);
      else this.emit(data.event);
    };
    port.postMessage({ kind: 'join', url: new URL(this.url, location.href).href, scope } satisfies TabMessage);
    return true;
  }

  private openLocal(): void {
    this.local = new EventStream(this.url, { onEvent: (event) => this.emit(event), onState: (state) => this.update(state) });
    this.local.open();
  }

  private emit(event: LiveEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private update(patch: Partial<LiveState>): void {
    this.state = { ...this.state, ...patch };
    for (const watcher of this.watchers) watcher();
  }
}

/** The one connection of the page. */
export const liveConnection = new LiveConnection('/api/v1/live');
