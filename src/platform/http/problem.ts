import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, fieldIssue, type Problem } from '../errors.js';
import { schemaFieldIssue } from '../schema-issues.js';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  414: 'URI Too Long',
  431: 'Request Header Fields Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Fastify's own errors for malformed requests, mapped to stable codes. */
const FASTIFY_CODES: Record<string, { status: number; code: string; detail: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large', detail: 'The request body is larger than the server accepts.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type', detail: 'The body is not of a type this route takes: application/json, except imports (POST /imports), which take the CSV file itself as text/csv.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'invalid_content_length', detail: 'The Content-Length header does not match the body.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'empty_body', detail: 'The request says it sends JSON but the body is empty.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_json', detail: 'The request body is not valid JSON.' },
};

export const PROBLEM_TYPE_BASE = 'urn:gongdan:problem:';

const CORE_MEMBERS = new Set(['type', 'title', 'status', 'detail', 'code', 'instance']);

/** Builds a problem document; extension members never override the standard ones. */
export function problem(status: number, code: string, detail: string, extra: Record<string, unknown> = {}): Problem {
  const extensions = Object.fromEntries(Object.entries(extra).filter(([key]) => !CORE_MEMBERS.has(key)));
  return { type: `${PROBLEM_TYPE_BASE}${code}`, title: TITLES[status] ?? 'Error', status, detail, code, ...extensions };
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).type('application/problem+json; charset=utf-8').send(p);
}

/** Renders every error as problem+json; anything unexpected is logged and answered without internals. */
export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const p = toProblem(error, request);
    if (p.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, { ...p, instance: request.url });
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problem(404, 'route_not_found', `There is no ${request.method} ${request.url.split('?')[0]}.`)),
  );
}

function toProblem(error: FastifyError, request: FastifyRequest): Problem {
  if (error instanceof AppError) return problem(error.status, error.code, error.message, error.extra);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'body';
    const checked: unknown = { body: request.body, querystring: request.query, params: request.params, headers: request.headers }[where];
    const errors = error.validation.flatMap((v) => {
      // A strict object names the unknown keys in params; report each as its own field.
      const keys = (v.params as { keys?: unknown } | undefined)?.keys;
      if (v.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
        const parent = fieldName(where, v.instancePath);
        return keys.map((key) =>
          fieldIssue(parent === 'body' || parent === where ? String(key) : `${parent}.${String(key)}`, 'unknown_field', 'is not a known field'),
        );
      }
      const path = v.instancePath.split('/').filter((part) => part !== '');
      const issue = { ...v.params, code: v.keyword, path, message: v.message ?? 'is invalid' };
      return [schemaFieldIssue(issue, fieldName(where, v.instancePath), checked)];
    });
    const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    return problem(400, 'validation_failed', `The request is not valid: ${detail}.`, { errors });
  }
  const known = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (known) return problem(known.status, known.code, known.detail);
  if (error.statusCode === 429) return problem(429, 'rate_limited', error.message);
  if (error instanceof SyntaxError) return problem(400, 'invalid_json', `The request body is not valid JSON: ${error.message}`);
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return problem(error.statusCode, (error.code ?? 'bad_request').toLowerCase(), error.message);
  }
  return problem(500, 'internal_error', 'Something went wrong on the server; the error has been logged.');
}

/** `body` + `/customer/phone` → `customer.phone`; query and path parameters keep their own name. */
function fieldName(where: string, instancePath: string): string {
  const path = instancePath.replace(/^\//, '').replaceAll('/', '.');
  return path || where;
}

/** Errors Fastify raises before a route runs (a bad URL, a path parameter too long) as problem documents too. */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  void sendProblem(reply, { ...problem(status, (error.code ?? 'bad_request').toLowerCase(), error.message), instance: request.url });
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (headers or URL over 16 KB, a
 * malformed header line, broken chunked encoding): answered as problem+json like every other
 * refusal, then the connection closes, as the parser cannot tell where the next request starts.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const body = JSON.stringify(
    tooLarge
      ? problem(431, 'headers_too_large', 'The request line and headers are larger than the server accepts (16 KB); send long searches in fewer characters.')
      : error.code === 'HPE_INVALID_URL'
        ? problem(400, 'invalid_url', 'The URL holds characters that must be percent-encoded, such as Chinese text or spaces in a query: encode them as browsers do (curl -G --data-urlencode "q=光猫红灯").')
        : problem(400, 'malformed_request', 'The request is not well-formed HTTP (a header line, the Content-Length or the chunked encoding).'),
  );
  const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
