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
  calendar_id: string | null;
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
  /** Before issue 4: the plain normalised number. Encrypted into customer_identities at start-up, then cleared. */
  phone: string | null;
  tier: string | null;
  type: string;
  created_at: string;
  updated_at: string;
  parent_id: string | null;
  merged_into_id: string | null;
  deleted_at: string | null;
  name_key: string | null;
  phone_hint: string | null;
  phone_sealed: string | null;
  attributes: Json;
}

export interface CustomerIdentitiesTable {
  id: string;
  customer_id: string;
  kind: string;
  scheme: string | null;
  label: string | null;
  is_primary: Flag;
  value_hash: string;
  value_sealed: string;
  hint: string;
  created_at: string;
}

export interface CustomerTagsTable {
  customer_id: string;
  tag: string;
}

export interface CustomerAttributeDefinitionsTable {
  id: string;
  key: string;
  label: string;
  label_en: string | null;
  type: string;
  options: Json;
  required: Flag;
  position: number;
  active: Flag;
  created_at: string;
  updated_at: string;
}

export interface AuditLogTable {
  id: string;
  actor_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  data: Json;
  at: string;
}

export interface DataKeyCheckTable {
  id: number;
  fingerprint: string;
  created_at: string;
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
  sla_due_at: string | null;
  sla_state: string | null;
  wait_until: string | null;
}

/** Search (SQLite): the integer rowid of each ticket's row in the FTS5 table `ticket_search_fts`. */
export interface TicketSearchIdsTable {
  doc_id: Generated<number>;
  ticket_id: string;
}

/** Search (SQLite): the contentless FTS5 table; only MATCH, bm25() and rowid are read from it. */
export interface TicketSearchFtsTable {
  rowid: number;
  title: string;
  body: string;
  notes: string;
}

/** Search (PostgreSQL): one weighted tsvector per ticket (title A, body B, notes C), GIN-indexed. */
export interface TicketSearchTable {
  ticket_id: string;
  document: string;
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

/** A rate limit's count for one key (a SHA-256 hash) in the window ending at `reset_at` (ms since 1970). */
export interface AttemptCountersTable {
  key_hash: string;
  hits: number;
  reset_at: number;
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

export interface CalendarsTable {
  id: string;
  code: string;
  name: string;
  time_zone: string;
  week: Json;
  holidays: Json;
  workdays: Json;
  always_open: Flag;
  active: Flag;
  created_at: string;
  updated_at: string;
}

export interface SlaPoliciesTable {
  id: string;
  name: string;
  active: Flag;
  match: Json;
  calendar_id: string | null;
  targets: Json;
  extensions: Json;
  created_at: string;
  updated_at: string;
}

export interface TicketDeadlinesTable {
  id: string;
  ticket_id: string;
  target: string;
  policy_id: string | null;
  calendar_id: string | null;
  department_id: string | null;
  spec: Json;
  status: string;
  budget_ms: number;
  consumed_ms: number;
  running_since: string | null;
  started_at: string;
  due_at: string | null;
  completed_at: string | null;
  warned_at: string | null;
  breached_at: string | null;
  warnings_fired: number;
  escalations_fired: number;
  extensions: number;
  next_fire_at: string | null;
  /** The instant an approved extension promised (0013). */
  due_not_before: string | null;
}

export interface ExtensionRequestsTable {
  id: string;
  ticket_id: string;
  deadline_id: string;
  target: string;
  department_id: string | null;
  requested_by: string;
  reason: string;
  previous_due_at: string | null;
  requested_until: string;
  status: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_reason: string | null;
  created_at: string;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  ticket_id: string | null;
  /** The ticket's number and title when the notification was sent (0012); null with no ticket. */
  ticket_number: string | null;
  ticket_title: string | null;
  kind: string;
  data: Json;
  created_at: string;
  read_at: string | null;
}

/** A saved view (0007): `filters` is the list query as the API takes it, resolved at each use. */
export interface SavedViewsTable {
  id: string;
  name: string;
  scope: string;
  owner_id: string;
  department_id: string | null;
  filters: Json;
  created_at: string;
  updated_at: string;
  updated_by: string;
}

/** A CSV import (0008): the file's rows are in `import_chunks`, sealed; progress counts live here. */
export interface ImportJobsTable {
  id: string;
  kind: string;
  status: string;
  file_name: string;
  encoding: string;
  options: Json;
  header: Json;
  columns: Json;
  total_rows: number;
  processed_rows: number;
  created_rows: number;
  updated_rows: number;
  skipped_rows: number;
  failed_rows: number;
  chunk_count: number;
  next_chunk: number;
  attempts: number;
  last_error: string | null;
  claimed_by: string | null;
  lease_until: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  finished_at: string | null;
}

/** A run of an import's rows (JSON array of cell arrays), encrypted with the data key. */
export interface ImportChunksTable {
  job_id: string;
  seq: number;
  first_row: number;
  row_count: number;
  rows_sealed: string;
}

/** One problem with one row of an import; a row may have several. */
export interface ImportErrorsTable {
  job_id: string;
  row_number: number;
  seq: number;
  column_name: string | null;
  value_excerpt: string | null;
  code: string;
  message: string;
}

/** Someone viewing a ticket now (src/presence); stale once `last_seen` is older than the expiry. */
export interface TicketViewersTable {
  ticket_id: string;
  user_id: string;
  since: string;
  last_seen: string;
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
  customer_identities: CustomerIdentitiesTable;
  customer_tags: CustomerTagsTable;
  customer_attribute_definitions: CustomerAttributeDefinitionsTable;
  audit_log: AuditLogTable;
  data_key_check: DataKeyCheckTable;
  tickets: TicketsTable;
  ticket_events: TicketEventsTable;
  ticket_search_ids: TicketSearchIdsTable;
  ticket_search_fts: TicketSearchFtsTable;
  ticket_search: TicketSearchTable;
  ticket_participants: TicketParticipantsTable;
  ticket_counters: TicketCountersTable;
  idempotency_keys: IdempotencyKeysTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  attempt_counters: AttemptCountersTable;
  outbox: OutboxTable;
  reference_version: ReferenceVersionTable;
  calendars: CalendarsTable;
  sla_policies: SlaPoliciesTable;
  ticket_deadlines: TicketDeadlinesTable;
  extension_requests: ExtensionRequestsTable;
  notifications: NotificationsTable;
  saved_views: SavedViewsTable;
  import_jobs: ImportJobsTable;
  import_chunks: ImportChunksTable;
  import_errors: ImportErrorsTable;
  ticket_viewers: TicketViewersTable;
}
