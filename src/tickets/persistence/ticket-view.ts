import type { Kysely } from 'kysely';
import type { FieldValue } from '../../catalog/domain/service-item-form.js';
import { readJson } from '../../platform/db/database.js';
import type { DB } from '../../platform/db/schema.js';
import type { Channel } from '../domain/channels.js';
import type { TicketStatus } from '../domain/ticket-state-machine.js';
import type { SlaSummaryState } from '../../sla/domain/deadline.js';
import type { DeadlineView } from '../../sla/domain/deadline-view.js';
import { sealPhone } from '../../customers/persistence/sealed-phone.js';

export interface RefView {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
}

export interface UserRefView {
  id: string;
  username: string;
  displayName: string;
}

/** A ticket as lists and detail pages read it: references resolved to their codes and names in one query. */
export interface TicketView {
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
  assignee: UserRefView | null;
  /** `phone` is the primary number masked; readers who may see it get it in full at the HTTP layer (customers/http/ticket-customer-phones). */
  customer: { id: string; name: string; phone: string | null; tier: string | null; type: string; parentId: string | null } | null;
  createdBy: UserRefView;
  fields: Record<string, FieldValue>;
  result: string | null;
  needsTriage: boolean;
  mergedIntoId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** While waiting on the customer or a partner: when handling resumes by itself. */
  waitUntil: string | null;
  /** The ticket's time limits: the worst current state and the next due time; single-ticket reads add every clock. */
  sla: { state: SlaSummaryState | null; dueAt: string | null; targets?: DeadlineView[] };
}

type TicketViewsQuery = ReturnType<typeof buildTicketViews>;

const built = new WeakMap<Kysely<DB>, TicketViewsQuery>();

/**
 * The joined select behind every ticket read. Kysely builders are immutable, so it is built once
 * per database handle (the pool, or one transaction) and narrowed by each caller: building its
 * 50 columns and 7 joins cost 0.1-0.2 ms, more than SQLite takes to run it by id.
 */
export function selectTicketViews(db: Kysely<DB>): TicketViewsQuery {
  let query = built.get(db);
  if (!query) {
    query = buildTicketViews(db);
    built.set(db, query);
  }
  return query;
}

function buildTicketViews(db: Kysely<DB>) {
  return db
    .selectFrom('tickets as t')
    .innerJoin('categories as c', 'c.id', 't.category_id')
    .innerJoin('service_items as s', 's.id', 't.service_item_id')
    .innerJoin('priorities as p', 'p.id', 't.priority_id')
    .innerJoin('users as cb', 'cb.id', 't.created_by')
    .leftJoin('departments as d', 'd.id', 't.department_id')
    .leftJoin('users as a', 'a.id', 't.assignee_id')
    .leftJoin('customers as cu', 'cu.id', 't.customer_id')
    .select([
      't.id',
      't.number',
      't.title',
      't.description',
      't.status',
      't.channel',
      't.fields',
      't.result',
      't.needs_triage',
      't.merged_into_id',
      't.version',
      't.created_at',
      't.updated_at',
      't.closed_at',
      't.sla_due_at',
      't.sla_state',
      't.wait_until',
      'c.id as c_id',
      'c.code as c_code',
      'c.name as c_name',
      'c.name_en as c_name_en',
      's.id as s_id',
      's.code as s_code',
      's.name as s_name',
      's.name_en as s_name_en',
      's.needs_reply as s_needs_reply',
      'p.id as p_id',
      'p.code as p_code',
      'p.name as p_name',
      'p.name_en as p_name_en',
      'p.rank as p_rank',
      'd.id as d_id',
      'd.code as d_code',
      'd.name as d_name',
      'd.name_en as d_name_en',
      'a.id as a_id',
      'a.username as a_username',
      'a.display_name as a_display_name',
      'cb.id as cb_id',
      'cb.username as cb_username',
      'cb.display_name as cb_display_name',
      'cu.id as cu_id',
      'cu.name as cu_name',
      'cu.phone_hint as cu_phone_hint',
      'cu.phone_sealed as cu_phone_sealed',
      'cu.parent_id as cu_parent_id',
      'cu.tier as cu_tier',
      'cu.type as cu_type',
    ]);
}

type ViewRow = Awaited<ReturnType<TicketViewsQuery['executeTakeFirstOrThrow']>>;

export function toTicketView(r: ViewRow): TicketView {
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    description: r.description,
    status: r.status as TicketStatus,
    category: { id: r.c_id, code: r.c_code, name: r.c_name, nameEn: r.c_name_en },
    serviceItem: { id: r.s_id, code: r.s_code, name: r.s_name, nameEn: r.s_name_en, needsReply: r.s_needs_reply === 1 },
    priority: { id: r.p_id, code: r.p_code, name: r.p_name, nameEn: r.p_name_en, rank: r.p_rank },
    channel: r.channel as Channel,
    department: r.d_id ? { id: r.d_id, code: r.d_code!, name: r.d_name!, nameEn: r.d_name_en } : null,
    assignee: r.a_id ? { id: r.a_id, username: r.a_username!, displayName: r.a_display_name! } : null,
    customer: r.cu_id
      ? sealPhone({ id: r.cu_id, name: r.cu_name!, phone: r.cu_phone_hint, tier: r.cu_tier, type: r.cu_type!, parentId: r.cu_parent_id }, r.cu_phone_sealed)
      : null,
    createdBy: { id: r.cb_id, username: r.cb_username, displayName: r.cb_display_name },
    fields: readJson<Record<string, FieldValue>>(r.fields, {}),
    result: r.result,
    needsTriage: r.needs_triage === 1,
    mergedIntoId: r.merged_into_id,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    closedAt: r.closed_at,
    waitUntil: r.wait_until,
    sla: { state: r.sla_state as SlaSummaryState | null, dueAt: r.sla_due_at },
  };
}
