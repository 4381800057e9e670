import { CredentialsRepository } from '../auth/persistence/credentials-repository.js';
import { CatalogRepository } from '../catalog/persistence/catalog-repository.js';
import { AuditLogRepository } from '../customers/persistence/audit-log-repository.js';
import { CustomerAttributesRepository } from '../customers/persistence/customer-attributes-repository.js';
import { CustomerTicketsRepository } from '../customers/persistence/customer-tickets-repository.js';
import { CustomersRepository } from '../customers/persistence/customers-repository.js';
import { DepartmentsRepository } from '../org/persistence/departments-repository.js';
import { UsersRepository } from '../org/persistence/users-repository.js';
import { NotificationsRepository } from '../notifications/persistence/notifications-repository.js';
import { savepointRunner, UnitOfWork, type DbContext, type SavepointRunner, type Transactor } from '../platform/db/unit-of-work.js';
import { ReferenceVersionRepository } from '../platform/db/reference-version.js';
import { ReferenceCache, type ReferenceSnapshot } from './reference-data.js';
import type { Database } from '../platform/db/database.js';
import { OutboxRepository } from '../platform/outbox/outbox-repository.js';
import type { FieldCipher } from '../platform/security/field-encryption.js';
import { RoutingRulesRepository } from '../routing/persistence/routing-rules-repository.js';
import { SearchRepository } from '../search/persistence/search-repository.js';
import { SettingsRepository } from '../settings/persistence/settings-repository.js';
import { IdempotencyRepository } from '../tickets/persistence/idempotency-repository.js';
import { TicketEventsRepository } from '../tickets/persistence/ticket-events-repository.js';
import { TicketsRepository } from '../tickets/persistence/tickets-repository.js';
import { CalendarsRepository } from '../sla/persistence/calendars-repository.js';
import { DeadlinesRepository } from '../sla/persistence/deadlines-repository.js';
import { ExtensionRequestsRepository } from '../sla/persistence/extension-requests-repository.js';
import { SlaPoliciesRepository } from '../sla/persistence/sla-policies-repository.js';
import { SavedViewsRepository } from '../views/persistence/saved-views-repository.js';
import { ImportsRepository } from '../transfer/persistence/imports-repository.js';
import { BoardRepository } from '../live/persistence/board-repository.js';
import { LiveFeedRepository } from '../live/persistence/live-feed-repository.js';
import { TicketViewersRepository } from '../presence/persistence/ticket-viewers-repository.js';

/** Every repository, bound to one executor: the pool for reads, or the open transaction for a use case. */
export interface Repositories {
  users: UsersRepository;
  departments: DepartmentsRepository;
  catalog: CatalogRepository;
  routing: RoutingRulesRepository;
  settings: SettingsRepository;
  customers: CustomersRepository;
  customerAttributes: CustomerAttributesRepository;
  customerTickets: CustomerTicketsRepository;
  audit: AuditLogRepository;
  tickets: TicketsRepository;
  events: TicketEventsRepository;
  idempotency: IdempotencyRepository;
  credentials: CredentialsRepository;
  outbox: OutboxRepository;
  referenceVersion: ReferenceVersionRepository;
  calendars: CalendarsRepository;
  deadlines: DeadlinesRepository;
  extensions: ExtensionRequestsRepository;
  slaPolicies: SlaPoliciesRepository;
  notifications: NotificationsRepository;
  search: SearchRepository;
  views: SavedViewsRepository;
  imports: ImportsRepository;
  board: BoardRepository;
  liveFeed: LiveFeedRepository;
  viewers: TicketViewersRepository;
  /** Runs a step of a write in its own savepoint (an import's rows, many to a transaction); only inside `write`. */
  savepoint: SavepointRunner;
  /** Reference data as of the first call in this unit of work (read once, then memoised). */
  reference(): Promise<ReferenceSnapshot>;
}

export function makeRepositories(ctx: DbContext, cache: ReferenceCache = new ReferenceCache(), cipher: FieldCipher | null = null): Repositories {
  let snapshot: Promise<ReferenceSnapshot> | null = null;
  const repos: Repositories = {
    users: new UsersRepository(ctx),
    departments: new DepartmentsRepository(ctx),
    catalog: new CatalogRepository(ctx),
    routing: new RoutingRulesRepository(ctx),
    settings: new SettingsRepository(ctx),
    customers: new CustomersRepository(ctx, cipher),
    customerAttributes: new CustomerAttributesRepository(ctx),
    customerTickets: new CustomerTicketsRepository(ctx),
    audit: new AuditLogRepository(ctx),
    tickets: new TicketsRepository(ctx),
    events: new TicketEventsRepository(ctx),
    idempotency: new IdempotencyRepository(ctx),
    credentials: new CredentialsRepository(ctx),
    outbox: new OutboxRepository(ctx),
    referenceVersion: new ReferenceVersionRepository(ctx),
    calendars: new CalendarsRepository(ctx),
    deadlines: new DeadlinesRepository(ctx),
    extensions: new ExtensionRequestsRepository(ctx),
    slaPolicies: new SlaPoliciesRepository(ctx),
    notifications: new NotificationsRepository(ctx),
    search: new SearchRepository(ctx),
    views: new SavedViewsRepository(ctx),
    imports: new ImportsRepository(ctx, cipher),
    board: new BoardRepository(ctx),
    liveFeed: new LiveFeedRepository(ctx),
    viewers: new TicketViewersRepository(ctx),
    savepoint: savepointRunner(ctx),
    reference: () => (snapshot ??= cache.get(repos)),
  };
  return repos;
}

/** What use cases see of the unit of work: `write` and `read` (a dry run substitutes one that rolls back; see `rehearsal`). */
export type AppUnitOfWork = Transactor<Repositories>;

/**
 * The unit of work of a process. `cipher` holds the data key that encrypts customers' personal
 * data (see platform/security/field-encryption); without one, any use of personal data fails.
 */
export function createUnitOfWork(database: Database, cipher?: FieldCipher): AppUnitOfWork {
  const cache = new ReferenceCache();
  return new UnitOfWork(database, (ctx) => makeRepositories(ctx, cache, cipher ?? null));
}
