import { api, type QueryParams } from './client';
import type { Channel, Deadline, SlaSummaryState, TicketAction, TicketEvent as DomainTicketEvent, TicketListSort, TicketStatus } from './domain';

export {
  CHANNELS,
  DEADLINE_STATES,
  SLA_SUMMARY_STATES,
  SLA_TARGETS,
  TICKET_ACTIONS,
  TICKET_EVENT_TYPES,
  TICKET_LIST_SORTS as TICKET_SORTS,
  TICKET_STATUSES,
  type Channel,
  type Deadline,
  type DeadlineState,
  type SlaSummaryState,
  type SlaTarget,
  type TicketAction,
  type TicketEventType,
  type TicketListSort as TicketSort,
  type TicketStatus,
} from './domain';

/** The shapes of /api/v1/tickets (see GET /api/v1/openapi.json, src/tickets/http/ticket.schemas.ts). */

/** The named queues of GET /tickets?queue= (src/tickets/http/ticket.schemas.ts). */
export const QUEUES = ['department', 'mine', 'awaiting_reply', 'to_close', 'returned', 'waiting', 'dispatch'] as const;
export type Queue = (typeof QUEUES)[number];

/** A category, department … as a ticket names it. */
export interface RefView {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
}

export interface UserRef {
  id: string;
  username: string;
  displayName: string;
}

export interface TicketCustomer {
  id: string;
  name: string;
  /** masked (138****8000) for roles that do not see numbers in full */
  phone: string | null;
  tier: string | null;
  type: string;
  parentId: string | null;
}

export interface Ticket {
  id: string;
  number: string;
  title: string;
  description: string;
  status: TicketStatus;
  category: RefView;
  serviceItem: RefView & { needsReply: boolean };
  priority: RefView & { rank: number };
  channel: Channel;
  department: RefView | null;
  assignee: UserRef | null;
  customer: TicketCustomer | null;
  createdBy: UserRef;
  fields: Record<string, string | number>;
  result: string | null;
  needsTriage: boolean;
  mergedIntoId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** while waiting: when handling resumes by itself */
  waitUntil: string | null;
  sla: {
    state: SlaSummaryState | null;
    /** the earliest due time among running time limits */
    dueAt: string | null;
    /** every clock; single-ticket reads only */
    targets?: Deadline[];
  };
}

export interface TicketDetail extends Ticket {
  allowedActions: TicketAction[];
}

export interface TicketListItem extends Ticket {
  /** search results only: HTML-escaped text with <mark> around matches */
  highlights?: { title?: string; snippet: string };
}

export interface TicketPage {
  items: TicketListItem[];
  nextCursor: string | null;
}

/** A timeline entry as the API sends it: the domain's event, with who acted (null: the system — routing, automatic assignment). */
export type TicketEvent = Omit<DomainTicketEvent, 'ticketId' | 'actorId'> & { actor: UserRef | null };

/** What the list page asks for; every key maps to a query parameter of GET /tickets. */
export interface TicketListParams {
  queue?: Queue;
  status?: TicketStatus[];
  priority?: string[];
  department?: string[];
  /** customer ids */
  customer?: string[];
  slaState?: SlaSummaryState[];
  sort?: TicketListSort;
  /** a saved view's id: its filters, narrowed by the others */
  view?: string;
  q?: string;
  limit?: number;
}

export function listTickets(params: TicketListParams, cursor: string | null, signal?: AbortSignal): Promise<TicketPage> {
  const query: QueryParams = { ...params, cursor };
  return api.get<TicketPage>('/tickets', query, signal);
}

/** By internal id or number (GD-20261123-000001). */
export const getTicket = (ref: string, signal?: AbortSignal) => api.get<TicketDetail>(`/tickets/${encodeURIComponent(ref)}`, undefined, signal);

export const getTicketEvents = async (ref: string, signal?: AbortSignal) =>
  (await api.get<{ items: TicketEvent[] }>(`/tickets/${encodeURIComponent(ref)}/events`, undefined, signal)).items;

/** The actions `POST /tickets/batch` applies to many tickets at once (src/tickets/http/batch.routes.ts). */
export type BatchAction =
  | { action: 'assign'; assignee: string }
  | { action: 'transfer'; department: string; reason: string }
  | { action: 'setPriority'; priority: string }
  | { action: 'note'; content: string; internal: boolean };

export type BatchOutcome =
  | { id: string; number: string; ok: true; version: number }
  | { ref: string; id?: string; number?: string; ok: false; status: number; code: string; message: string };

export interface BatchResult {
  results: BatchOutcome[];
  summary: { total: number; succeeded: number; failed: number };
}

/** One action on the selected tickets, each refused if it changed since the list showed it. */
export const runBatch = (action: BatchAction, tickets: ReadonlyArray<Pick<Ticket, 'id' | 'version'>>) =>
  api.post<BatchResult>('/tickets/batch', {
    ...action,
    ids: tickets.map((ticket) => ticket.id),
    expectedVersions: Object.fromEntries(tickets.map((ticket) => [ticket.id, ticket.version])),
  });
