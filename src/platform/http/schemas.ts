import { z } from 'zod';
import { FIELD_ISSUE_CODES } from '../errors.js';

/** Building blocks shared by every route's schema. */
export const idParam = z.object({ id: z.string().min(1).max(100) });

/** For reads that take no parameters: an unknown one is refused rather than ignored. */
export const noQuery = z.object({}).strict();

/** Text a person typed: trimmed, never empty, bounded so nobody stores a novel in a title. */
export const text = (max: number) => z.string().trim().min(1).max(max);

export const codeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be lower-case letters, digits and _ (starting with a letter)');

/** Positions and sort orders: PostgreSQL stores them as 32-bit integers, so keep them well inside. */
export const orderNumberSchema = z.number().int().min(-1_000_000).max(1_000_000);

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string(),
    code: z.string(),
    errors: z
      .array(
        z.object({
          field: z.string().describe('The request field at fault, as a dotted path (`customer.phone`, `fields.order_no`).'),
          code: z.enum(FIELD_ISSUE_CODES).describe('What is wrong with the field; stable, for clients to explain in their own language.'),
          message: z.string().describe('The same in English, for people reading the answer.'),
          params: z
            .record(z.string(), z.union([z.string(), z.number()]))
            .optional()
            .describe('What the code refers to: `min`/`max` (a length, count or value, inclusive), `above`/`below` (an exclusive bound), `format`, `expected`, `days`, `minutes`, `other`, `from`/`to`.'),
        }),
      )
      .optional(),
  })
  .describe('RFC 9457 problem document');

/** The error answers every route may give, for the API document. */
export const problemResponses = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  422: problemSchema,
};

const EARLIEST_INSTANT = Date.UTC(1970, 0, 1);
const LATEST_INSTANT = Date.UTC(2200, 0, 1) - 1;

/**
 * An instant: ISO 8601 with Z or an offset, from 1970 to 2199 once the offset is applied. Wider
 * than any ticket needs, inside what both databases store (PostgreSQL refuses year 0 and years
 * past 9999 — which an offset can make of 0001 and 9999), and it keeps business-calendar maths
 * over two instants to a few hundred years' walk.
 */
export const instant = z.iso.datetime({ offset: true }).refine((value) => {
  const ms = Date.parse(value);
  return ms >= EARLIEST_INSTANT && ms <= LATEST_INSTANT;
}, { message: 'must be between 1970-01-01T00:00:00Z and 2199-12-31T23:59:59Z', params: { issue: 'out_of_range', min: '1970-01-01T00:00:00Z', max: '2199-12-31T23:59:59Z' } });

/** Lists may be filtered by several values: `?status=pending,in_progress` or repeated parameters. */
export const csv = z
  .union([z.string().max(2000), z.array(z.string().max(200)).max(50)])
  .transform((value) => (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean));
