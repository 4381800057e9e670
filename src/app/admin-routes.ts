import { registerCatalogRoutes } from '../catalog/http/catalog.routes.js';
import { registerOrgRoutes } from '../org/http/org.routes.js';
import type { AppConfig } from '../platform/config.js';
import type { HttpApp } from '../platform/http/types.js';
import { registerRoutingRoutes } from '../routing/http/routing.routes.js';
import { registerSettingsRoutes } from '../settings/http/settings.routes.js';
import { registerCalendarRoutes } from '../sla/http/calendars.routes.js';
import { registerSlaPolicyRoutes } from '../sla/http/sla-policies.routes.js';
import type { UseCaseContext } from './context.js';

/** Reference data, organisation, routing and settings: readable by everyone signed in, changed by admins. */
export function registerAdminRoutes(app: HttpApp, ctx: UseCaseContext, config: AppConfig): void {
  registerCatalogRoutes(app, ctx);
  registerOrgRoutes(app, ctx, config);
  registerRoutingRoutes(app, ctx);
  registerSettingsRoutes(app, ctx);
  registerSlaPolicyRoutes(app, ctx);
  registerCalendarRoutes(app, ctx);
}
