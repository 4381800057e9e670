import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { DIST_DIR } from './console-files.js';

/**
 * Serves the built web console (web/dist) at `/`. Files are sent as they are, precompressed
 * (.br, .gz) when the browser accepts it; Vite's hashed assets are cached for a year, everything
 * else is revalidated. Any other GET outside /api answers index.html, so a bookmarked deep URL
 * (/tickets/GD-…) opens the console at that page. /api stays the API's: an unknown API path is
 * a problem+json 404. Without a build, pages answer 503 with how to build it; the API works on.
 * Every answer here carries the console's security headers (`withConsoleHeaders`), and every
 * answer of the server, the API's included, `X-Content-Type-Options: nosniff`.
 */

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/** The console's own code only; antd injects its styles at run time, hence inline styles. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/**
 * Sent with every answer of the console, whatever the URL (`/`, a deep link, `/index.html`, a
 * script, the icon, the page saying it is not built): a document served without them could be
 * framed by another site (clickjacking) or escape the policy. For scripts and styles the policy is
 * inert, and nosniff makes the browser keep to the type they are sent with.
 */
function withConsoleHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin');
}

/**
 * The console's catch-all route never sees /api: the router itself leaves it out (a route
 * constraint), so an API path no route takes keeps its own answer — a 404 problem, or a 414 for a
 * path parameter past the router's limit — as if the console were not there.
 */
type ConstraintStrategy = Parameters<FastifyInstance['addConstraintStrategy']>[0];
type RouteHandler = NonNullable<ReturnType<ReturnType<ConstraintStrategy['storage']>['get']>>;

const OUTSIDE_API: ConstraintStrategy = {
  name: 'gongdanConsole',
  storage: () => {
    const handlers = new Map<unknown, RouteHandler>();
    return { get: (value) => handlers.get(value) ?? null, set: (value, store) => void handlers.set(value, store) };
  },
  deriveConstraint: (request: { url?: string }) => (/^\/api(?:[/?]|$)/.test(request.url ?? '') ? 'api' : 'console'),
  mustMatchWhenDerived: false,
};

export async function registerConsole(app: FastifyInstance, distDir = DIST_DIR): Promise<void> {
  const indexFile = path.join(distDir, 'index.html');
  app.addConstraintStrategy(OUTSIDE_API);
  // Every other answer of the server too (the API's JSON and CSV, problems, /api/docs): a browser
  // must not guess another type than the one sent, e.g. run a CSV of customers' input as a script.
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
  });
  await app.register(async (scope) => {
    // Only reply.sendFile; the route below decides what is sent.
    await scope.register(fastifyStatic, { serve: false, preCompressed: true, cacheControl: false });
    scope.get('/*', { schema: { hide: true }, constraints: { gongdanConsole: 'console' } }, async (request, reply) => {
      const wildcard = (request.params as { '*'?: string })['*'] ?? '';
      withConsoleHeaders(reply);
      if (!existsSync(indexFile)) return notBuilt(reply);
      const file = servableFile(distDir, wildcard);
      if (file) {
        // The same URL may be sent as br, gzip or plain: caches must keep them apart.
        reply.header('cache-control', file.startsWith('assets/') ? IMMUTABLE : REVALIDATE).header('vary', 'accept-encoding');
        return reply.sendFile(file, distDir);
      }
      // A missing hashed asset is an old build's: a 404, so the page can tell and reload.
      if (wildcard.startsWith('assets/')) return reply.callNotFound();
      reply.header('cache-control', REVALIDATE);
      return reply.sendFile('index.html', distDir);
    });
  });
}

/** A file of the build the URL names, relative to dist; never a dot-file (.build-stamp, .vite/) or outside dist. */
function servableFile(distDir: string, wildcard: string): string | null {
  if (!wildcard || wildcard.split('/').some((segment) => segment.startsWith('.') || segment === '')) return null;
  const full = path.resolve(distDir, wildcard);
  if (!full.startsWith(distDir + path.sep)) return null;
  try {
    return statSync(full).isFile() ? path.relative(distDir, full).split(path.sep).join('/') : null;
  } catch {
    return null;
  }
}

function notBuilt(reply: FastifyReply): FastifyReply {
  return reply
    .code(503)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Gongdan: the web console is not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 42rem; margin: 4rem auto; line-height: 1.5">
<h1>The web console has not been built yet</h1>
<p>Build it with <code>npm run build:web</code> and reload this page, or restart the server with
<code>npm start</code>, which builds it when needed.</p>
<p lang="zh-CN">网页控制台尚未构建：请运行 <code>npm run build:web</code> 后刷新本页，或用 <code>npm start</code> 重新启动（会自动构建）。</p>
<p>The API is running: <a href="/api/docs">/api/docs</a>.</p>
</body></html>
`);
}
