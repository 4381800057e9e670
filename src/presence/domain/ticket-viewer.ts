/**
 * Who is looking at a ticket right now (两人同时处理一张工单). A page announces itself with a
 * heartbeat every HEARTBEAT_SECONDS; an entry not renewed within EXPIRES_AFTER_SECONDS counts as
 * gone (a closed laptop, a crashed tab), so nobody has to say goodbye for the list to be right.
 * Pure rules: the time is always passed in.
 */

export const HEARTBEAT_SECONDS = 10;
/** Three missed heartbeats: long enough for a slow network, short enough to be honest. */
export const EXPIRES_AFTER_SECONDS = 30;

export interface TicketViewer {
  ticketId: string;
  userId: string;
  /** when this continuous visit began */
  since: string;
  /** the last heartbeat */
  lastSeen: string;
}

/** The oldest last heartbeat that still counts as viewing at `now` (ISO, comparable as text). */
export function activeCutoff(now: string): string {
  return new Date(Date.parse(now) - EXPIRES_AFTER_SECONDS * 1000).toISOString();
}

export function isActive(viewer: Pick<TicketViewer, 'lastSeen'>, now: string): boolean {
  return viewer.lastSeen >= activeCutoff(now);
}

/**
 * The entry after a heartbeat: a visit that is still alive keeps its start; one that expired
 * (or never existed) starts again now.
 */
export function heartbeat(existing: TicketViewer | null, ticketId: string, userId: string, now: string): TicketViewer {
  const since = existing && isActive(existing, now) ? existing.since : now;
  return { ticketId, userId, since, lastSeen: now };
}
