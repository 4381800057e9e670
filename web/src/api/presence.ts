import { apiRequest } from './client';

/** 正在查看 (src/presence): a ticket page's heartbeat and its goodbye. */
export interface Viewer {
  user: { id: string; username: string; displayName: string };
  since: string;
  lastSeen: string;
}

export interface Presence {
  ticketId: string;
  /** the ticket's current version: newer than the page's means someone changed it */
  version: number;
  viewers: Viewer[];
  heartbeatSeconds: number;
  expiresAfterSeconds: number;
}

export const sendHeartbeat = (ticketId: string, signal?: AbortSignal) =>
  apiRequest<Presence>('PUT', `/tickets/${encodeURIComponent(ticketId)}/viewers`, { signal });

export const leaveTicket = (ticketId: string) => apiRequest<void>('DELETE', `/tickets/${encodeURIComponent(ticketId)}/viewers`);
