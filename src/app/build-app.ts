import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { registerAuthentication } from '../auth/http/authentication.js';
import { registerAuthRoutes } from '../auth/http/auth.routes.js';
import { AttemptCounts, sharedRateLimitStore, tooMany } from '../auth/http/password-rate-limits.js';
import { AttemptCountersRepository } from '../auth/persistence/attempt-counters-repository.js';
import type { AppConfig, TrustProxy } from '../platform/config.js';
import { setScryptConcurrency } from '../platform/security/passwords.js';
import { isDatabaseReachable, type Database } from '../platform/db/database.js';
import { registerStrictJsonParser } from '../platform/http/json-body.js';
import { registerOpenApi } from '../platform/http/openapi.js';
import { noQuery } from '../platform/http/schemas.js';
import { clientErrorHandler, frameworkErrorHandler, problem, registerProblemHandlers, sendProblem } from '../platform/http/problem.js';
import type { HttpApp } from '../platform/http/types.js';
import { registerTicketActionRoutes } from '../tickets/http/ticket-actions.routes.js';
import { registerTicketRoutes } from '../tickets/http/tickets.routes.js';
import { registerBatchRoutes } from '../tickets/http/batch.routes.js';
import { registerViewRoutes } from '../views/http/views.routes.js';
import { registerNotificationRoutes } from '../notifications/http/notifications.routes.js';
import { registerExtensionRequestRoutes } from '../sla/http/extension-requests.routes.js';
import { registerCustomerRoutes } from '../customers/http/customers.routes.js';
import { registerTicketCustomerPhones } from '../customers/http/ticket-customer-phones.js';
import { registerTransferRoutes } from '../transfer/http/transfer.routes.js';
import { registerViewerRoutes } from '../presence/http/viewers.routes.js';
import { registerBoardRoutes } from '../live/http/board.routes.js';
import { registerLiveRoutes } from '../live/http/live.routes.js';
import type { UseCaseContext } from './context.js';
import { registerAdminRoutes } from './admin-routes.js';
import { registerConsole } from '../console/serve-console.js';

export const APP_VERSION = '0.1.0';

export interface AppDeps {
  ctx: UseCaseContext;
  config: AppConfig;
  database: Database;
}

/** Builds the HTTP application: parsing, errors, authentication, the API document and every module's routes. */
export async function buildApp({ ctx, config, database }: AppDeps): Promise<FastifyInstance> {
  const fastify = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: fastifyTrustProxy(config.trustProxy),
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
    // Above every id schema's limit, so an over-long id is a 400 naming the field, not a router 414.
    routerOptions: { maxParamLength: 500 },
    // One line per request would dominate the log at call-centre volumes; debug turns it on.
    logController: new LogController({ disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace' }),
  });
  const app = fastify.withTypeProvider<ZodTypeProvider>() as HttpApp;
  app.setValidatorCompiler(validatorCompiler);
  // Response schemas document the API; serialising with plain JSON keeps them off the hot path.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  registerProblemHandlers(app);
  registerStrictJsonParser(app);
  // A query parameter no API route reads is refused, as unknown body fields are, not ignored.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/v1/') && route.schema && !route.schema.querystring) route.schema = { ...route.schema, querystring: noQuery };
  });
  await app.register(cookie);
  // The password-guessing limits count in the database, so servers sharing it share the counts.
  const attempts = new AttemptCounts(new AttemptCountersRepository({ db: database.db, dialect: database.dialect }));
  setScryptConcurrency(config.scryptConcurrency);
  await app.register(rateLimit, {
    global: false,
    store: sharedRateLimitStore(attempts),
    errorResponseBuilder: (_request, context) => tooMany(context.ttl),
  });
  await registerOpenApi(app, APP_VERSION);
  registerAuthentication(app, ctx);

  app.get(
    '/api/v1/health',
    {
      config: { public: true },
      schema: { tags: ['system'], summary: 'Answers 200 when the database is reachable', response: { 200: z.object({ status: z.literal('ok'), database: z.string() }) } },
    },
    async (_request, reply) => {
      if (!(await isDatabaseReachable(database))) {
        return sendProblem(reply, problem(503, 'database_unreachable', 'The database does not answer.'));
      }
      return { status: 'ok' as const, database: database.dialect };
    },
  );
  registerAuthRoutes(app, ctx, config, attempts);
  // Before any route answering tickets: unmasks their customers' phone numbers for roles that see them.
  registerTicketCustomerPhones(app, ctx);
  registerTicketRoutes(app, ctx);
  registerTicketActionRoutes(app, ctx);
  registerBatchRoutes(app, ctx);
  registerViewRoutes(app, ctx);
  registerAdminRoutes(app, ctx, config);
  registerNotificationRoutes(app, ctx);
  registerExtensionRequestRoutes(app, ctx);
  registerCustomerRoutes(app, ctx);
  registerTransferRoutes(app, ctx, config);
  registerViewerRoutes(app, ctx);
  registerBoardRoutes(app, ctx);
  registerLiveRoutes(app, ctx);
  // The web console (web/dist) at `/`; every path outside /api falls back to its index.html.
  await registerConsole(app);
  return fastify;
}

/**
 * GONGDAN_TRUST_PROXY as Fastify takes it. A hop count is a function: Fastify's own number form
 * believes no hop at all. With `hops` the socket's peer and the hops - 1 entries before it are
 * proxies, so the client is the entry the outermost proxy wrote, whatever the client put to
 * its left.
 */
function fastifyTrustProxy(trust: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (trust === false) return false;
  if ('addresses' in trust) return trust.addresses;
  const { hops } = trust;
  return hops === 0 ? false : (_address, hop) => hop < hops;
}
