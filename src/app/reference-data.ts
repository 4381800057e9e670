import type { Category, Priority, ServiceItem } from '../catalog/domain/catalog.js';
import type { CatalogRepository } from '../catalog/persistence/catalog-repository.js';
import type { Department } from '../org/domain/department.js';
import type { DepartmentsRepository } from '../org/persistence/departments-repository.js';
import type { ReferenceVersionRepository } from '../platform/db/reference-version.js';
import type { RoutingRule } from '../routing/domain/routing-rules.js';
import type { RoutingRulesRepository } from '../routing/persistence/routing-rules-repository.js';
import type { OrganisationSettings } from '../settings/domain/settings.js';
import type { SettingsRepository } from '../settings/persistence/settings-repository.js';
import { CalendarRegistry } from '../sla/domain/calendar.js';
import type { SlaPolicy } from '../sla/domain/sla-policy.js';
import type { CalendarsRepository } from '../sla/persistence/calendars-repository.js';
import type { SlaPoliciesRepository } from '../sla/persistence/sla-policies-repository.js';

/** Lookup by id or by code over one kind of reference data. */
export class Lookup<T extends { id: string; code: string }> {
  private readonly byRef = new Map<string, T>();

  constructor(readonly all: readonly T[]) {
    for (const item of all) {
      this.byRef.set(item.id, item);
      this.byRef.set(item.code, item);
    }
  }

  find(ref: string): T | undefined {
    return this.byRef.get(ref);
  }
}

/**
 * Every piece of administrator-edited data a ticket use case reads (inactive items included, so
 * that "deleted" and "unknown" can be told apart), as of one reference-version token.
 */
export interface ReferenceSnapshot {
  token: string;
  categories: Lookup<Category>;
  priorities: Lookup<Priority>;
  serviceItems: Lookup<ServiceItem>;
  departments: Lookup<Department>;
  serviceItemParents: ReadonlyMap<string, string | null>;
  /** Rules that can route now, in the order they are tried. */
  routingRules: readonly RoutingRule[];
  settings: OrganisationSettings;
  /** Time-limit policies, inactive ones included (running clocks may still name them). */
  slaPolicies: readonly SlaPolicy[];
  calendars: CalendarRegistry;
}

interface Sources {
  referenceVersion: ReferenceVersionRepository;
  catalog: CatalogRepository;
  departments: DepartmentsRepository;
  routing: RoutingRulesRepository;
  settings: SettingsRepository;
  slaPolicies: SlaPoliciesRepository;
  calendars: CalendarsRepository;
}

/**
 * Keeps the reference snapshot of one process. Reference data changes a few times a day and is
 * read by every ticket request, so each use case reads only the version token (one indexed row)
 * and reloads everything when it changed, in this or another process.
 */
export class ReferenceCache {
  private current: ReferenceSnapshot | null = null;

  async get(sources: Sources): Promise<ReferenceSnapshot> {
    const token = await sources.referenceVersion.token();
    if (this.current?.token === token) return this.current;
    const snapshot = await load(sources, token);
    this.current = snapshot;
    return snapshot;
  }
}

async function load(sources: Sources, token: string): Promise<ReferenceSnapshot> {
  const serviceItems = await sources.catalog.listServiceItems(true);
  return {
    token,
    categories: new Lookup(await sources.catalog.listCategories(true)),
    priorities: new Lookup(await sources.catalog.listPriorities(true)),
    serviceItems: new Lookup(serviceItems),
    departments: new Lookup(await sources.departments.list(true)),
    serviceItemParents: new Map(serviceItems.map((item) => [item.id, item.parentId])),
    routingRules: await sources.routing.list(true),
    settings: await sources.settings.get(),
    slaPolicies: await sources.slaPolicies.list(true),
    calendars: new CalendarRegistry(await sources.calendars.list(true)),
  };
}
