import type { UseCaseContext } from '../app/context.js';
import type { Actor } from '../auth/domain/actor.js';
import { currentActors, type Credential } from '../auth/use-cases/authenticate.js';
import { PollingLoop } from '../platform/polling-loop.js';
import { joinSteps, messagesFor, sameActor, uuidV7Floor, uuidV7Time, type LiveMessage } from './domain/live-audience.js';
import { pollChanges, unreadCounts, withParticipants } from './use-cases/poll-changes.js';

/** A connection of the live stream: who is listening, and how to reach them. */
export interface LiveListener {
  actor: Actor;
  /** The session or API token the stream was opened with, checked again while it is open. */
  credential: Credential;
  deliver(messages: readonly LiveMessage[]): void;
  /** Ends the stream: its credentials no longer sign in this actor. */
  end(): void;
}

export interface ChangeFeedOptions {
  /** How often to look for changes (ms). */
  intervalMs?: number;
  /**
   * How far back each tick looks again (ms). Ids are UUIDv7s taken when a change is made, and a
   * transaction may commit a little after a later one: re-reading a short window (and skipping
   * what was already sent) catches those late commits.
   */
  lookbackMs?: number;
  /**
   * How long, at the most, open streams go unchecked (ms): their credentials are checked before
   * each delivery and at least this often otherwise, so a stream whose session was signed out
   * (on any server process) ends within this time even when nothing changes.
   */
  revalidateMs?: number;
  /** Rows per source per tick; beyond that the feed moves on and says so. */
  limit?: number;
  onError?: (error: unknown) => void;
  /** The real clock that UUIDv7s carry (not the application clock, which tests move by hand). */
  realNow?: () => number;
}

/**
 * The process's single change feed. While anyone is connected it polls the database once per
 * tick — new ticket events and new notifications, one query each for all connections; when some
 * are new, the participants of their tickets and the recipients' unread counts, one query each —
 * and hands each connection what its user may see (domain/live-audience). It reads the database,
 * not in-process emitters, so changes made by other server processes arrive too.
 *
 * Authentication checks a stream's credentials once, when it opens; the feed checks them again,
 * for all connections in one query, before each delivery and every `revalidateMs`, and ends the
 * streams whose session or token no longer signs in the same actor (signed out, expired, revoked,
 * deactivated, or a changed role or departments), on whichever process that change was made.
 */
export class ChangeFeed {
  private readonly listeners = new Set<LiveListener>();
  private readonly seen = new Map<string, number>();
  private readonly intervalMs: number;
  private readonly lookbackMs: number;
  private readonly limit: number;
  private readonly revalidateMs: number;
  private readonly realNow: () => number;
  private loop: PollingLoop | null = null;
  /** The real time the last tick started; the next one reads from there, minus the lookback. */
  private since = 0;
  /** The real time the credentials of the open streams were last checked. */
  private checkedAt = 0;

  constructor(
    private readonly ctx: UseCaseContext,
    private readonly options: ChangeFeedOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 1000;
    this.lookbackMs = options.lookbackMs ?? 5000;
    this.limit = options.limit ?? 5000;
    this.revalidateMs = options.revalidateMs ?? 5000;
    this.realNow = options.realNow ?? Date.now;
  }

  /** Adds a connection (starting the loop with the first); answers how to remove it. */
  add(listener: LiveListener): () => void {
    this.listeners.add(listener);
    if (!this.loop) {
      this.since = this.realNow();
      this.checkedAt = this.since;
      this.loop = new PollingLoop(() => this.tick(), this.intervalMs, this.options.onError);
      this.loop.start();
    }
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** How many connections a user has open (the per-user cap). */
  connectionsOf(userId: string): number {
    let count = 0;
    for (const listener of this.listeners) if (listener.actor.id === userId) count += 1;
    return count;
  }

  get size(): number {
    return this.listeners.size;
  }

  /** Stops polling, waiting for a tick in progress, so the database can close after it. */
  async stop(): Promise<void> {
    const loop = this.loop;
    this.loop = null;
    await loop?.stop();
  }

  private async tick(): Promise<void> {
    // Idle ticks cost nothing: no connection, no query. The window still moves on.
    const started = this.realNow();
    const from = Math.min(this.since, started) - this.lookbackMs;
    if (this.listeners.size === 0) {
      this.since = started;
      return;
    }
    const polled = await pollChanges(this.ctx, uuidV7Floor(from), this.limit);
    const events = polled.changes.filter((c) => this.firstSight(c.eventId, started));
    const notifications = polled.notifications.filter((n) => this.firstSight(n.id, started));
    this.since = started;
    for (const rows of [polled.changes.map((c) => c.eventId), polled.notifications.map((n) => n.id)]) {
      // More than a tick's worth: go on from the last row read, rather than read the same window forever.
      if (rows.length >= this.limit) {
        this.since = Math.min(this.since, uuidV7Time(rows.at(-1)!) + this.lookbackMs);
        this.options.onError?.(new Error(`The live feed read ${rows.length} rows in one tick; some late changes may not be pushed.`));
      }
    }
    this.forget(started);
    if (events.length === 0 && notifications.length === 0) {
      if (started - this.checkedAt >= this.revalidateMs) await this.revalidate(started);
      return;
    }

    const listening = new Set([...this.listeners].map((l) => l.actor.id));
    const recipients = [...new Set(notifications.map((n) => n.userId))].filter((id) => listening.has(id));
    // Nothing is delivered on credentials last checked before the changes were read.
    const [withPeople, counts] = await Promise.all([withParticipants(this.ctx, events), unreadCounts(this.ctx, recipients), this.revalidate(started)]);
    const changes = joinSteps(withPeople);
    for (const listener of this.listeners) {
      const messages = messagesFor(listener.actor, changes, notifications, counts);
      if (messages.length > 0) listener.deliver(messages);
    }
  }

  /**
   * Ends the streams whose credentials no longer sign in the actor they were opened as. Streams
   * added while the query runs were authenticated just now, and wait for the next check.
   */
  private async revalidate(started: number): Promise<void> {
    const checking = [...this.listeners];
    const actors = await currentActors(this.ctx, checking.map((l) => l.credential));
    this.checkedAt = started;
    for (const listener of checking) {
      const now = actors.get(listener.credential.id);
      if (now && sameActor(listener.actor, now)) continue;
      this.listeners.delete(listener);
      listener.end();
    }
  }

  /** True the first time an id is read; remembers it for as long as the window can return it. */
  private firstSight(id: string, at: number): boolean {
    if (this.seen.has(id)) return false;
    this.seen.set(id, at);
    return true;
  }

  private forget(now: number): void {
    const horizon = now - 2 * this.lookbackMs - this.intervalMs;
    for (const [id, at] of this.seen) {
      if (at >= horizon) break; // insertion order is time order
      this.seen.delete(id);
    }
  }
}
