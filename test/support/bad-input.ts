import assert from 'node:assert/strict';
import type { ApiClient, ApiResponse } from './api-client.js';

/** An RFC 9457 problem document as the API renders it. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: Array<{ field: string; code: string; message: string; params?: Record<string, string | number> }>;
  [extension: string]: unknown;
}

function summary(response: ApiResponse<unknown>): string {
  return `${response.status} ${response.contentType} ${typeof response.body === 'string' ? response.body : JSON.stringify(response.body)}`;
}

/** Any refusal: a 4xx (never a 5xx, never a success) rendered as a complete problem+json document. */
export function assertClientError(response: ApiResponse<unknown>, label = ''): ProblemBody {
  const where = `${label} → ${summary(response)}`;
  assert.ok(response.status >= 400 && response.status < 500, `expected a 4xx: ${where}`);
  assert.match(response.contentType, /^application\/problem\+json/, `expected problem+json: ${where}`);
  const body = response.body as ProblemBody;
  assert.equal(typeof body, 'object', where);
  for (const key of ['type', 'title', 'detail', 'code'] as const) {
    assert.equal(typeof body[key], 'string', `problem.${key} missing: ${where}`);
    assert.ok(body[key].length > 0, `problem.${key} empty: ${where}`);
  }
  assert.equal(body.status, response.status, `problem.status differs from the HTTP status: ${where}`);
  return body;
}

/** A refusal with this status and stable code, whose `errors[].field` names every field given. */
export function assertProblem(
  response: ApiResponse<unknown>,
  status: number,
  code: string,
  fields: readonly string[] = [],
  label = '',
): ProblemBody {
  const body = assertClientError(response, label);
  const where = `${label} → ${summary(response)}`;
  assert.equal(response.status, status, where);
  assert.equal(body.code, code, where);
  if (fields.length > 0) {
    assert.ok(Array.isArray(body.errors), `expected errors[]: ${where}`);
    const named = body.errors.map((e) => e.field);
    for (const field of fields) assert.ok(named.includes(field), `expected errors[].field ${field}: ${where}`);
    for (const error of body.errors) assert.equal(typeof error.message, 'string', where);
  }
  return body;
}

/** A 400 validation_failed that names one field (exactly, or the first issue below it, e.g. `status.0`). */
export function assertInvalidField(response: ApiResponse<unknown>, field: string, label = ''): ProblemBody {
  const body = assertProblem(response, 400, 'validation_failed', [], label);
  const named = (body.errors ?? []).map((e) => e.field);
  assert.ok(
    named.some((f) => f === field || f.startsWith(`${field}.`)),
    `expected errors[].field ${field}: ${label} → ${summary(response)}`,
  );
  return body;
}

/** An unknown property was refused (never ignored): 400, and errors[].field names it by its exact path (`customer.email`). */
export function assertUnknownKeyRefused(response: ApiResponse<unknown>, path: string, label = ''): ProblemBody {
  return assertProblem(response, 400, 'validation_failed', [path], `${label} (unknown property ${path})`);
}

/** Text that cannot be stored faithfully (a NUL, half a surrogate pair) was refused: 400 invalid_text naming exactly this field first. */
export function assertInvalidText(response: ApiResponse<unknown>, field: string, label = ''): ProblemBody {
  const body = assertProblem(response, 400, 'invalid_text', [field], label);
  assert.equal(body.errors?.[0]?.field, field, `expected errors[0].field ${field}: ${label} → ${summary(response)}`);
  return body;
}

/** Invalid UTF-8 inside a JSON string: {"a":"<ff fe>"}. */
export const INVALID_UTF8 = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);

export interface BodyMatrixOptions {
  /** A body the endpoint would accept; an unknown property is added to it. Omit where unknown properties are not refused. */
  valid?: Record<string, unknown>;
  /** Whether JSON `null` counts as "no body" (ticket actions); otherwise it must be refused as a non-object. */
  nullMeansEmpty?: boolean;
}

/**
 * Sends every kind of broken body to one write endpoint and checks each refusal: malformed JSON,
 * JSON that is not an object, an empty JSON body, invalid UTF-8, a NUL or a lone surrogate in a
 * string, non-JSON media types (text/plain too) and, with `valid`, an otherwise valid body with an
 * unknown property, which must be named exactly.
 */
export async function assertRefusesBrokenBodies(
  client: ApiClient,
  method: 'POST' | 'PATCH' | 'PUT',
  url: string,
  options: BodyMatrixOptions = {},
): Promise<void> {
  const label = (what: string) => `${method} ${url} with ${what}`;
  const json = 'application/json';
  assertProblem(await client.raw(method, url, '{"a":', json), 400, 'invalid_json', [], label('malformed JSON'));
  assertProblem(await client.raw(method, url, "{'a': 1}", json), 400, 'invalid_json', [], label('single-quoted JSON'));
  assertProblem(await client.raw(method, url, '', json), 400, 'empty_body', [], label('an empty JSON body'));
  assertProblem(await client.raw(method, url, INVALID_UTF8, json), 400, 'invalid_utf8', [], label('invalid UTF-8'));
  assertProblem(await client.raw(method, url, '<a>1</a>', 'application/xml'), 415, 'unsupported_media_type', [], label('XML'));
  assertProblem(await client.raw(method, url, 'a=1', 'application/x-www-form-urlencoded'), 415, 'unsupported_media_type', [], label('a form'));
  assertProblem(await client.raw(method, url, '{"a":1}', 'text/plain'), 415, 'unsupported_media_type', [], label('text/plain'));
  assertInvalidText(await client.raw(method, url, '{"a":"x\\u0000y"}', json), 'a', label('a NUL character'));
  assertInvalidText(await client.raw(method, url, '{"a":{"b":"\\ud800"}}', json), 'a.b', label('a lone surrogate'));
  for (const [what, text] of [
    ['an array', '[{"a":1}]'],
    ['a string', '"text"'],
    ['a number', '42'],
    ['a boolean', 'true'],
    ...(options.nullMeansEmpty ? [] : [['null', 'null']]),
  ] as const) {
    assertInvalidField(await client.raw(method, url, text, json), 'body', label(what));
  }
  if (options.valid) {
    const body = JSON.stringify({ ...options.valid, unexpectedField: 1 });
    assertUnknownKeyRefused(await client.raw(method, url, body, json), 'unexpectedField', label('an unknown property'));
  }
}

/** Everything an administrator can read about a ticket: its full state and its whole timeline. */
export async function ticketState(admin: ApiClient, ref: string): Promise<{ ticket: unknown; events: unknown }> {
  const ticket = await admin.get(`/api/v1/tickets/${ref}`);
  const events = await admin.get(`/api/v1/tickets/${ref}/events`);
  assert.equal(ticket.status, 200, JSON.stringify(ticket.body));
  assert.equal(events.status, 200, JSON.stringify(events.body));
  return { ticket: ticket.body, events: events.body };
}

/** Runs refused requests and proves the ticket they aimed at did not change at all: same version, same timeline. */
export async function assertTicketUntouched(admin: ApiClient, ref: string, refused: () => Promise<void>): Promise<void> {
  const before = await ticketState(admin, ref);
  await refused();
  assert.deepEqual(await ticketState(admin, ref), before, `ticket ${ref} changed although every request was refused`);
}
