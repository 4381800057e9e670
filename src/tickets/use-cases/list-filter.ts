import type { UseCaseContext } from '../../app/context.js';
import type { Repositories } from '../../app/repositories.js';
import { overseesAllDepartments, type Actor } from '../../auth/domain/actor.js';
import type { Channel } from '../domain/channels.js';
import type { TicketStatus } from '../domain/ticket-state-machine.js';
import type { SlaSummaryState } from '../../sla/domain/deadline.js';
import type { SortKey, TicketListQuery } from '../persistence/tickets-repository.js';
import { resolveCategory, resolveCustomerIds, resolveDepartment, resolvePriority, resolveServiceItem, resolveUser } from '../../app/resolve-references.js';

export type Queue = 'department' | 'mine' | 'awaiting_reply' | 'to_close' | 'returned' | 'waiting' | 'dispatch';

/** A list request as the API receives it: references by id or code, a named queue, a sort string. */
export interface ListRequest {
  queue?: Queue;
  status?: TicketStatus[];
  department?: string[];
  assignee?: string[];
  category?: string[];
  serviceItem?: string[];
  priority?: string[];
  channel?: Channel[];
  customer?: string[];
  slaState?: SlaSummaryState[];
  createdFrom?: string;
  createdTo?: string;
  updatedFrom?: string;
  updatedTo?: string;
  sort?: string;
  /** The search box; the search module applies it (buildListQuery leaves it aside). */
  q?: string;
  limit: number;
  after?: Array<string | number>;
}

/** What each named queue means, for this actor. Explicit filters narrow it further. */
export function queueFilter(queue: Queue, actor: Actor): Partial<TicketListQuery> {
  const ownDepartments = overseesAllDepartments(actor.role) ? {} : { departmentIds: [...actor.departmentIds] };
  switch (queue) {
    case 'department':
      return { statuses: ['pending'], ...ownDepartments };
    case 'mine':
      return { statuses: ['pending', 'in_progress', 'waiting'], assigneeIds: [actor.id] };
    case 'awaiting_reply':
      return { statuses: ['handled', 'replied'], needsReply: true };
    // Handled, and its service item needs no reply: the department closes it (else its time limit runs on unseen).
    case 'to_close':
      return { statuses: ['handled'], needsReply: false, ...ownDepartments };
    case 'returned':
      return { statuses: ['returned'] };
    case 'waiting':
      return { statuses: ['waiting'] };
    case 'dispatch':
      return { statuses: ['submitted', 'returned'] };
  }
}

/** Parses `-createdAt` style sorts; queues default to oldest first, other lists to newest first. */
export function parseSort(sort: string | undefined, queue: Queue | undefined): TicketListQuery['sort'] {
  const value = sort ?? (queue ? 'createdAt' : '-createdAt');
  const descending = value.startsWith('-');
  return { key: (descending ? value.slice(1) : value) as SortKey, direction: descending ? 'desc' : 'asc' };
}

/**
 * Turns the API's list request into the repository's query, resolving every reference once;
 * deleted departments, users and catalog entries too, as tickets still name them.
 */
export async function buildListQuery(ctx: UseCaseContext, actor: Actor, request: ListRequest): Promise<TicketListQuery> {
  return ctx.uow.read(async (repos) => {
    const query: TicketListQuery = { sort: parseSort(request.sort, request.queue), limit: request.limit, after: request.after };
    if (request.status) query.statuses = request.status;
    if (request.department) query.departmentIds = await ids(request.department, (ref) => resolveDepartment(repos, { field: 'department', ref, inactiveToo: true }));
    if (request.category) query.categoryIds = await ids(request.category, (ref) => resolveCategory(repos, { field: 'category', ref, inactiveToo: true }));
    if (request.priority) query.priorityIds = await ids(request.priority, (ref) => resolvePriority(repos, { field: 'priority', ref, inactiveToo: true }));
    if (request.serviceItem) query.serviceItemIds = await serviceItemBranches(repos, request.serviceItem);
    if (request.assignee) Object.assign(query, await assigneeFilter(repos, actor, request.assignee));
    if (request.channel) query.channels = request.channel;
    if (request.customer) query.customerIds = await resolveCustomerIds(repos, 'customer', request.customer);
    if (request.slaState) query.slaStates = request.slaState;
    Object.assign(query, {
      createdFrom: iso(request.createdFrom),
      createdTo: iso(request.createdTo),
      updatedFrom: iso(request.updatedFrom),
      updatedTo: iso(request.updatedTo),
    });
    // A queue's own conditions hold too: `queue=mine&assignee=none` is empty, not the unassigned.
    return request.queue ? narrowQuery(query, { sort: query.sort, limit: query.limit, ...queueFilter(request.queue, actor) }) : query;
  });
}

/** Both queries' conditions at once, with the first one's sort, page and every other setting. */
export function narrowQuery(query: TicketListQuery, view: TicketListQuery): TicketListQuery {
  let empty = false;
  const both = <T>(a: T[] | undefined, b: T[] | undefined): T[] | undefined => {
    if (!a) return b;
    if (!b) return a;
    const result = a.filter((x) => b.includes(x));
    if (result.length === 0) empty = true;
    return result;
  };
  const later = (a?: string, b?: string) => (a && b ? (a > b ? a : b) : (a ?? b));
  const earlier = (a?: string, b?: string) => (a && b ? (a < b ? a : b) : (a ?? b));
  const result: TicketListQuery = {
    ...query,
    statuses: both(query.statuses, view.statuses),
    departmentIds: both(query.departmentIds, view.departmentIds),
    categoryIds: both(query.categoryIds, view.categoryIds),
    serviceItemIds: both(query.serviceItemIds, view.serviceItemIds),
    priorityIds: both(query.priorityIds, view.priorityIds),
    channels: both(query.channels, view.channels),
    customerIds: both(query.customerIds, view.customerIds),
    slaStates: both(query.slaStates, view.slaStates),
    createdFrom: later(query.createdFrom, view.createdFrom),
    createdTo: earlier(query.createdTo, view.createdTo),
    updatedFrom: later(query.updatedFrom, view.updatedFrom),
    updatedTo: earlier(query.updatedTo, view.updatedTo),
  };
  // Assignees are one set: the ids, plus "nobody" when unassigned tickets are included.
  const NOBODY = '\u0000nobody';
  const assignees = (q: TicketListQuery) =>
    q.assigneeIds?.length || q.unassigned ? [...(q.assigneeIds ?? []), ...(q.unassigned ? [NOBODY] : [])] : undefined;
  const who = both(assignees(query), assignees(view));
  if (who) Object.assign(result, { assigneeIds: who.filter((id) => id !== NOBODY), unassigned: who.includes(NOBODY) });
  if (query.needsReply !== undefined && view.needsReply !== undefined && query.needsReply !== view.needsReply) empty = true;
  result.needsReply = query.needsReply ?? view.needsReply;
  // Nothing can match: an empty status list says so to the SQL (it becomes `1 = 0`).
  if (empty) result.statuses = [];
  return result;
}

async function ids(refs: string[], resolve: (ref: string) => Promise<{ id: string }>): Promise<string[]> {
  return Promise.all(refs.map(async (ref) => (await resolve(ref)).id));
}

/** Filtering by a service item includes everything below it in the catalog tree. */
async function serviceItemBranches(repos: Repositories, refs: string[]): Promise<string[]> {
  const roots = await ids(refs, (ref) => resolveServiceItem(repos, { field: 'serviceItem', ref, inactiveToo: true }));
  const parents = (await repos.reference()).serviceItemParents;
  const result = new Set(roots);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [id, parent] of parents) {
      if (parent && result.has(parent) && !result.has(id)) {
        result.add(id);
        grew = true;
      }
    }
  }
  return [...result];
}

async function assigneeFilter(repos: Repositories, actor: Actor, refs: string[]): Promise<Partial<TicketListQuery>> {
  // An empty list names nobody, so it matches nothing, as an empty list of statuses or departments
  // does; read as "no filter" it would hand a batch every ticket in sight.
  if (refs.length === 0) return { statuses: [] };
  const unassigned = refs.includes('none');
  const named = refs.filter((r) => r !== 'none');
  const assigneeIds = await ids(named, async (ref) => (ref === 'me' ? { id: actor.id } : resolveUser(repos, { field: 'assignee', ref, inactiveToo: true })));
  return { assigneeIds, unassigned };
}

/** Stored timestamps are UTC ISO strings, so comparisons need the bound in the same form. */
function iso(value: string | undefined): string | undefined {
  return value ? new Date(value).toISOString() : undefined;
}
