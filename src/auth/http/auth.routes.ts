import { z } from 'zod';
import type { UseCaseContext } from '../../app/context.js';
import type { AppConfig } from '../../platform/config.js';
import { noQuery, problemResponses, text } from '../../platform/http/schemas.js';
import type { HttpApp } from '../../platform/http/types.js';
import { presentUser, userSchema } from '../../org/http/user.presenter.js';
import type { ApiTokenRecord } from '../persistence/credentials-repository.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../use-cases/api-tokens.js';
import { signIn, signOut } from '../use-cases/sign-in.js';
import { actorOf, SESSION_COOKIE } from './authentication.js';
import { loginAddressRateLimit, loginRateLimit, type AttemptCounts } from './password-rate-limits.js';

const sessionSchema = z.object({
  user: userSchema,
  csrfToken: z.string().nullable(),
  timeZone: z.string().describe("the organisation's time zone (GONGDAN_TIME_ZONE): clients show times and offer presets such as tomorrow 09:00 in it"),
});
const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

/** `attempts`: the database's counts behind the sign-in limits (password-rate-limits.ts). */
export function registerAuthRoutes(app: HttpApp, ctx: UseCaseContext, config: AppConfig, attempts: AttemptCounts): void {
  const addressLimit = loginAddressRateLimit(attempts, config.loginAddressRateLimitPerMinute);
  app.post(
    '/api/v1/auth/login',
    {
      config: {
        public: true,
        // Per address and username, in preValidation; the per-address limit counts as the password check gets its turn.
        rateLimit: loginRateLimit(config.loginRateLimitPerMinute),
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with a username and password; sets the session cookie',
        body: z.object({ username: text(64), password: z.string().min(1).max(200) }).strict(),
        response: { 200: sessionSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const session = await signIn(ctx, request.body.username, request.body.password, config.sessionTtlMs, addressLimit(request, reply));
      reply.setCookie(SESSION_COOKIE, session.sessionToken, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.cookieSecure,
        expires: new Date(session.expiresAt),
      });
      return { user: presentUser(session.user), csrfToken: session.csrfToken, timeZone: ctx.timeZone };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out: ends the session', body: z.preprocess((v) => v ?? {}, z.object({}).strict()), response: { 204: z.null() } } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await signOut(ctx, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    { schema: { tags: ['auth'], summary: 'The signed-in user and their CSRF token', querystring: noQuery, response: { 200: sessionSchema } } },
    async (request) => ({ user: presentUser(request.auth!.user), csrfToken: request.auth!.csrfToken, timeZone: ctx.timeZone }),
  );

  app.post(
    '/api/v1/auth/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create a personal API token (shown once)',
        body: z.object({ name: text(100) }).strict(),
        response: { 201: tokenSchema.extend({ token: z.string() }), ...problemResponses },
      },
    },
    async (request, reply) => {
      const created = await createApiToken(ctx, actorOf(request).id, request.body.name);
      return reply.code(201).send({ ...presentToken(created), token: created.token });
    },
  );

  app.get(
    '/api/v1/auth/tokens',
    { schema: { tags: ['auth'], summary: 'Your API tokens (without secrets)', querystring: noQuery, response: { 200: z.object({ items: z.array(tokenSchema) }) } } },
    async (request) => ({ items: (await listApiTokens(ctx, actorOf(request).id)).map(presentToken) }),
  );

  app.delete(
    '/api/v1/auth/tokens/:id',
    {
      schema: {
        tags: ['auth'],
        summary: 'Revoke one of your API tokens',
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await revokeApiToken(ctx, actorOf(request).id, request.params.id);
      return reply.code(204).send(null);
    },
  );
}

function presentToken(t: ApiTokenRecord) {
  return { id: t.id, name: t.name, prefix: t.prefix, createdAt: t.createdAt, lastUsedAt: t.lastUsedAt, revokedAt: t.revokedAt };
}
