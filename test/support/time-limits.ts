import assert from 'node:assert/strict';
import type { DeadlineView } from '../../src/sla/domain/deadline-view.js';
import { fireDueDeadlines, type SweepResult } from '../../src/sla/use-cases/fire-due-deadlines.js';
import type { ApiClient } from './api-client.js';
import type { TestApp } from './test-app.js';

/** A ticket as the API answers it, with what the time-limit tests read. */
export interface SlaTicket {
  id: string;
  number: string;
  status: string;
  version: number;
  department: { id: string; code: string } | null;
  assignee: { username: string } | null;
  priority: { code: string };
  sla: { state: string | null; dueAt: string | null; targets?: DeadlineView[] };
}

export interface TimelineEvent {
  type: string;
  seq: number;
  at: string;
  content: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  data: Record<string, unknown>;
}

export interface NotificationItem {
  id: string;
  kind: string;
  ticket: { id: string; number: string } | null;
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

/** A Shanghai wall-clock time 'YYYY-MM-DD HH:MM[:SS]' as the API writes instants (UTC ISO 8601). */
export const cst = (local: string): string => {
  const withSeconds = local.length === 16 ? `${local}:00` : local;
  return new Date(`${withSeconds.replace(' ', 'T')}+08:00`).toISOString();
};

/** An instant written as Shanghai wall-clock time 'YYYY-MM-DD HH:MM' (seconds only when not zero). */
export const showCst = (iso: string | null | undefined): string | null => {
  if (!iso) return null;
  const local = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
  const seconds = local.slice(16, 19);
  return `${local.slice(0, 10)} ${local.slice(11, 16)}${seconds === ':00' ? '' : seconds}`;
};

/** Sets the test clock to a Shanghai wall-clock time. */
export const at = (t: TestApp, local: string): void => t.clock.set(cst(local));

/** Runs the sweeper once, as `gongdan serve` does every few seconds. */
export const sweep = (t: TestApp): Promise<SweepResult> => fireDueDeadlines(t.ctx);

export async function readTicket(client: ApiClient, ref: string): Promise<SlaTicket> {
  const response = await client.get<SlaTicket>(`/api/v1/tickets/${ref}`);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body;
}

/** The ticket's latest clock for a target (a transfer or a reopen leaves earlier ones as the record). */
export function clockOf(ticket: SlaTicket, target: DeadlineView['target']): DeadlineView {
  const found = ticket.sla.targets?.findLast((d) => d.target === target);
  assert.ok(found, `${ticket.number} has a ${target} clock: ${JSON.stringify(ticket.sla.targets?.map((d) => d.target))}`);
  return found;
}

/** Per target (latest clock): state and due time in Shanghai time, e.g. `{handling: 'running 2026-11-25 10:30'}`. */
export function clockSummary(ticket: SlaTicket): Record<string, string> {
  const summary: Record<string, string> = {};
  for (const d of ticket.sla.targets ?? []) summary[d.target] = `${d.state} ${showCst(d.dueAt) ?? '-'}`;
  return summary;
}

export async function timeline(client: ApiClient, ref: string): Promise<TimelineEvent[]> {
  const response = await client.get<{ items: TimelineEvent[] }>(`/api/v1/tickets/${ref}/events`);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body.items;
}

/**
 * The time-limit events of a ticket, one line each: type, target, warning number or escalation
 * level, and the instant it fell due (`firedFor`) in Shanghai time, e.g.
 * `sla.escalation handling L2 @ 2026-11-24 10:00`.
 */
export async function slaTimeline(client: ApiClient, ref: string): Promise<string[]> {
  return (await timeline(client, ref)).filter((e) => e.type.startsWith('sla.')).map(describeSlaEvent);
}

export function describeSlaEvent(e: { type: string; data: Record<string, unknown> }): string {
  const which = e.data.warning !== undefined ? ` #${String(e.data.warning)}` : e.data.level !== undefined ? ` L${String(e.data.level)}` : '';
  return `${e.type} ${String(e.data.target)}${which} @ ${showCst(e.data.firedFor as string)}`;
}

/** Every notification of a user (all pages), oldest first. */
export async function allNotifications(client: ApiClient): Promise<NotificationItem[]> {
  const items: NotificationItem[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page = await client.get<{ items: NotificationItem[]; nextCursor: string | null }>(`/api/v1/notifications?limit=200${query}`);
    assert.equal(page.status, 200, JSON.stringify(page.body));
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items.reverse();
}

/** A user's time-limit and extension notifications about one ticket, oldest first, described like `slaTimeline`. */
export async function notificationsAbout(client: ApiClient, ticketId: string): Promise<string[]> {
  return (await allNotifications(client))
    .filter((n) => n.ticket?.id === ticketId && (n.kind.startsWith('sla.') || n.kind.startsWith('extension.')))
    .map((n) => (n.kind.startsWith('sla.') ? describeSlaEvent({ type: n.kind, data: n.data }) : `${n.kind} ${String(n.data.target)} ${String(n.data.status)}`));
}

/** Creates a user through the admin API and answers a client signed in as them. */
export async function addUser(t: TestApp, username: string, role: string, departments: string[]): Promise<ApiClient> {
  const created = await t.as('admin').post<{ id: string }>('/api/v1/users', { username, displayName: username, password: 'password-123', role, departments });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return t.as(await t.tokenFor(created.body.id));
}

/** Creates a ticket through the API as `client` and answers it (201 asserted). */
export async function createTicket(client: ApiClient, body: Record<string, unknown>): Promise<SlaTicket> {
  const created = await client.post<SlaTicket>('/api/v1/tickets', body);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body;
}

/** Runs a ticket action and answers the ticket (200 asserted). */
export async function act(client: ApiClient, ticket: { id: string }, action: string, body?: Record<string, unknown>): Promise<SlaTicket> {
  const response = await client.post<SlaTicket>(`/api/v1/tickets/${ticket.id}/${action}`, body);
  assert.equal(response.status, 200, `${action}: ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Demo tickets: a refund (standard policy, refunds department, needs a reply) and complaints (the two complaint policies). */
export const REFUND = { description: '退货后一直没有退款', category: 'refund', serviceItem: 'mall_aftersales', priority: 'high', fields: { orderNumber: 'JD-2026-778899' } };
export const REFUND_NO_REPLY = { description: '电影票退款', category: 'refund', serviceItem: 'movie_tickets', priority: 'medium', fields: { orderNumber: 'MV-10001' } };
export const SIMPLE_COMPLAINT = { description: '投诉快递员态度差', category: 'complaint', serviceItem: 'other', priority: 'medium' };
export const COMPLEX_COMPLAINT = { description: '投诉商家拒绝退货并辱骂客户', category: 'complaint', serviceItem: 'other', priority: 'high' };
