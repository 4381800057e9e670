import type { Generated } from 'kysely';

/**
 * Table shapes as Kysely sees them. Timestamps are ISO-8601 UTC strings on both dialects
 * (PostgreSQL stores timestamptz; the pool's type parser hands them back as ISO strings).
 * JSON columns are jsonb on PostgreSQL and text on SQLite; read them through `readJson`.
 * Flags are integers 0/1 on both dialects because better-sqlite3 cannot bind booleans.
 */
type Json = unknown;
type Flag = number;

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  active: Flag;
  on_duty: Flag;
  created_at: string;
  updated_at: string;
}

export interface DepartmentsTable {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  assignment_mode: string;
  last_assigned_user_id: string | null;
  active: Flag;
  created_at: string;
  updated_at: string;
}

export interface DepartmentMembersTable {
  department_id: string;
  user_id: string;
}

export interface CategoriesTable {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  sort_order: number;
  active: Flag;
  created_at: string;
  updated_at: string;
}

export interface PrioritiesTable {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  rank: number;
  active: Flag;
  created_at: string;
  updated_at: string;
}

export interface ServiceItemsTable {
  id: string;
  code: string;
  parent_id: string | null;
  name: string;
  name_en: string | null;
  needs_reply: Flag;
  fields: Json;
  sort_order: number;
  active: Flag;
  created_at: string;
  updated_at: string;
}

export interface RoutingRulesTable {
  id: string;
  name: string;
  position: number;
  active: Flag;
  conditions: Json;
  department_id: string;
  created_at: string;
  updated_at: string;
}

export interface SettingsTable {
  key: string;
  value: Json;
  updated_at: string;
}

export interface CustomersTable {
  id: string;
  name: string;
  phone: string | null;
  tier: string | null;
  type: string;
  created_at: string;
  updated_at: string;
}

export interface TicketsTable {
  id: string;
  number: string;
  title: string;
  description: string;
  status: string;
  category_id: string;
  service_item_id: string;
  priority_id: string;
  priority_rank: number;
  channel: string;
  customer_id: string | null;
  department_id: string | null;
  assignee_id: string | null;
  created_by: string;
  fields: Json;
  result: string | null;
  needs_triage: Flag;
  merged_into_id: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface TicketEventsTable {
  id: string;
  ticket_id: string;
  seq: number;
  type: string;
  actor_id: string | null;
  at: string;
  from_status: string | null;
  to_status: string | null;
  from_department_id: string | null;
  to_department_id: string | null;
  from_assignee_id: string | null;
  to_assignee_id: string | null;
  content: string | null;
  data: Json;
}

export interface TicketParticipantsTable {
  ticket_id: string;
  user_id: string;
}

export interface TicketCountersTable {
  day: string;
  last_value: number;
}

export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  request_hash: string;
  ticket_id: string;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface OutboxTable {
  id: Generated<number>;
  topic: string;
  payload: Json;
  created_at: string;
  available_at: string;
  attempts: number;
  processed_at: string | null;
  last_error: string | null;
}

export interface ReferenceVersionTable {
  id: number;
  token: string;
}

export interface DB {
  users: UsersTable;
  departments: DepartmentsTable;
  department_members: DepartmentMembersTable;
  categories: CategoriesTable;
  priorities: PrioritiesTable;
  service_items: ServiceItemsTable;
  routing_rules: RoutingRulesTable;
  settings: SettingsTable;
  customers: CustomersTable;
  tickets: TicketsTable;
  ticket_events: TicketEventsTable;
  ticket_participants: TicketParticipantsTable;
  ticket_counters: TicketCountersTable;
  idempotency_keys: IdempotencyKeysTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  outbox: OutboxTable;
  reference_version: ReferenceVersionTable;
}
