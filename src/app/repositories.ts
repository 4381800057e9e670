import { CredentialsRepository } from '../auth/persistence/credentials-repository.js';
import { CatalogRepository } from '../catalog/persistence/catalog-repository.js';
import { CustomersRepository } from '../customers/persistence/customers-repository.js';
import { DepartmentsRepository } from '../org/persistence/departments-repository.js';
import { UsersRepository } from '../org/persistence/users-repository.js';
import { UnitOfWork, type DbContext } from '../platform/db/unit-of-work.js';
import { ReferenceVersionRepository } from '../platform/db/reference-version.js';
import { ReferenceCache, type ReferenceSnapshot } from './reference-data.js';
import type { Database } from '../platform/db/database.js';
import { OutboxRepository } from '../platform/outbox/outbox-repository.js';
import { RoutingRulesRepository } from '../routing/persistence/routing-rules-repository.js';
import { SettingsRepository } from '../settings/persistence/settings-repository.js';
import { IdempotencyRepository } from '../tickets/persistence/idempotency-repository.js';
import { TicketEventsRepository } from '../tickets/persistence/ticket-events-repository.js';
import { TicketsRepository } from '../tickets/persistence/tickets-repository.js';

/** Every repository, bound to one executor: the pool for reads, or the open transaction for a use case. */
export interface Repositories {
  users: UsersRepository;
  departments: DepartmentsRepository;
  catalog: CatalogRepository;
  routing: RoutingRulesRepository;
  settings: SettingsRepository;
  customers: CustomersRepository;
  tickets: TicketsRepository;
  events: TicketEventsRepository;
  idempotency: IdempotencyRepository;
  credentials: CredentialsRepository;
  outbox: OutboxRepository;
  referenceVersion: ReferenceVersionRepository;
  /** Reference data as of the first call in this unit of work (read once, then memoised). */
  reference(): Promise<ReferenceSnapshot>;
}

export function makeRepositories(ctx: DbContext, cache: ReferenceCache = new ReferenceCache()): Repositories {
  let snapshot: Promise<ReferenceSnapshot> | null = null;
  const repos: Repositories = {
    users: new UsersRepository(ctx),
    departments: new DepartmentsRepository(ctx),
    catalog: new CatalogRepository(ctx),
    routing: new RoutingRulesRepository(ctx),
    settings: new SettingsRepository(ctx),
    customers: new CustomersRepository(ctx),
    tickets: new TicketsRepository(ctx),
    events: new TicketEventsRepository(ctx),
    idempotency: new IdempotencyRepository(ctx),
    credentials: new CredentialsRepository(ctx),
    outbox: new OutboxRepository(ctx),
    referenceVersion: new ReferenceVersionRepository(ctx),
    reference: () => (snapshot ??= cache.get(repos)),
  };
  return repos;
}

export type AppUnitOfWork = UnitOfWork<Repositories>;

export function createUnitOfWork(database: Database): AppUnitOfWork {
  const cache = new ReferenceCache();
  return new UnitOfWork(database, (ctx) => makeRepositories(ctx, cache));
}
