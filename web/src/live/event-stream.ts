import type { LiveMessage } from '../../../src/live/domain/live-audience';

/**
 * One connection to the live stream (GET /api/v1/live, Server-Sent Events), usable in a page or in
 * the shared worker (live-worker.ts). The browser's EventSource reconnects by itself after a dropped
 * connection or the server's planned end of a stream; when the server refuses one (signed out, too
 * many streams, server down), this reconnects with an exponential backoff. Every (re)connection
 * after the first announces a `resync`: changes may have been missed meanwhile, so whoever caches
 * data reads it again.
 */

export type { LiveMessage } from '../../../src/live/domain/live-audience';
export type LiveEvent = LiveMessage | { type: 'resync' };
export type LiveStatus = 'idle' | 'connecting' | 'open' | 'offline';

export interface LiveState {
  status: LiveStatus;
  /** When the last message (or the connection) arrived, by the browser's clock; null before any. */
  lastEventAt: number | null;
}

export interface EventStreamHandlers {
  onEvent(event: LiveEvent): void;
  onState(state: LiveState): void;
}

const MESSAGE_TYPES = ['board', 'ticket', 'notification'] as const satisfies ReadonlyArray<LiveMessage['type']>;
const BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

export class EventStream {
  private source: EventSource | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private connectedBefore = false;
  private state: LiveState = { status: 'idle', lastEventAt: null };

  constructor(
    private readonly url: string,
    private readonly handlers: EventStreamHandlers,
  ) {}

  get current(): LiveState {
    return this.state;
  }

  open(): void {
    if (this.source || this.retryTimer !== null) return;
    this.connect();
  }

  close(): void {
    this.source?.close();
    this.source = null;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.connectedBefore = false;
    this.failures = 0;
    this.update({ status: 'idle' });
  }

  private connect(): void {
    this.retryTimer = null;
    this.update({ status: 'connecting' });
    const source = new EventSource(this.url);
    this.source = source;
    source.addEventListener('ready', () => {
      this.failures = 0;
      this.update({ status: 'open', lastEventAt: Date.now() });
      if (this.connectedBefore) this.handlers.onEvent({ type: 'resync' });
      this.connectedBefore = true;
    });
    for (const type of MESSAGE_TYPES) {
      source.addEventListener(type, (event) => {
        const message = parse(type, (event as MessageEvent<string>).data);
        if (!message) return;
        this.update({ lastEventAt: Date.now() });
        this.handlers.onEvent(message);
      });
    }
    source.onerror = () => {
      if (source.readyState !== EventSource.CLOSED) {
        // The browser reconnects by itself (after the server's `retry:`).
        this.update({ status: 'connecting' });
        return;
      }
      // Refused (401, 429, 5xx): the browser gives up, so try again later.
      source.close();
      if (this.source !== source) return;
      this.source = null;
      this.update({ status: 'offline' });
      const delay = BACKOFF_MS[Math.min(this.failures, BACKOFF_MS.length - 1)]!;
      this.failures += 1;
      this.retryTimer = setTimeout(() => this.connect(), delay * (0.8 + Math.random() * 0.4));
    };
  }

  private update(patch: Partial<LiveState>): void {
    this.state = { ...this.state, ...patch };
    this.handlers.onState(this.state);
  }
}

/** The server sends `event: <type>` and the rest of the message as JSON. */
function parse(type: LiveMessage['type'], data: string): LiveMessage | null {
  try {
    const body = JSON.parse(data) as Record<string, unknown>;
    return { ...body, type } as LiveMessage;
  } catch {
    return null;
  }
}
