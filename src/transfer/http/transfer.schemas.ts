import { z } from 'zod';
import { customerListQuery } from '../../customers/http/customer.schemas.js';
import { listQuery } from '../../tickets/http/ticket.schemas.js';
import { IMPORT_ENCODINGS } from '../domain/encoding.js';
import { IMPORT_KINDS, IMPORT_STATUSES, ON_DUPLICATE } from '../domain/import-job.js';

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

export const languageParam = z.enum(['zh', 'en']).default('zh').describe('header row and labels: Chinese (default) or English');

/** Spellings of the two encodings a client may name; GB2312 and GB18030 files read as GBK's superset. */
const ENCODING_NAMES = { 'utf-8': 'utf-8', utf8: 'utf-8', gbk: 'gbk', gb2312: 'gbk', gb18030: 'gbk', cp936: 'gbk' } as const;
export type EncodingName = keyof typeof ENCODING_NAMES;
export const encodingName = z
  .string()
  .transform((value) => value.trim().toLowerCase())
  .pipe(z.enum(Object.keys(ENCODING_NAMES) as [EncodingName, ...EncodingName[]]))
  .transform((value) => ENCODING_NAMES[value]);

export const importQuery = z
  .object({
    kind: z.enum(IMPORT_KINDS),
    dryRun: flag.default(false).describe('check every row as if importing it, and write nothing but the report'),
    encoding: encodingName.optional().describe('utf-8 or gbk; by default detected (a UTF-8 byte-order mark, valid UTF-8, else GBK)'),
    onDuplicate: z
      .enum(ON_DUPLICATE)
      .optional()
      .describe('customers only: a row whose 客户ID or phone number finds an existing customer is skipped, updates it, or is an error (default)'),
    ignoreUnknownColumns: flag.default(false).describe('leave out columns nobody knows instead of refusing the file'),
    fileName: z.string().trim().min(1).max(200).optional().describe('shown in the list of imports'),
  })
  .strict()
  .superRefine((query, context) => {
    if (query.kind === 'tickets' && query.onDuplicate !== undefined) {
      context.addIssue({ code: 'custom', path: ['onDuplicate'], message: 'applies to customer imports only', params: { issue: 'not_applicable' } });
    }
  });

export const templateQuery = z.object({ kind: z.enum(IMPORT_KINDS), lang: languageParam }).strict();

export const pageQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(1000).optional() })
  .strict();

export const csvLanguageQuery = z.object({ lang: languageParam }).strict();

/** Every filter of `GET /tickets` (not the page), and the header language. */
export const ticketExportQuery = listQuery.omit({ cursor: true, limit: true }).extend({ lang: languageParam }).strict();
export const viewExportQuery = listQuery.omit({ cursor: true, limit: true, view: true }).extend({ lang: languageParam }).strict();
export const customerExportQuery = customerListQuery.omit({ cursor: true, limit: true }).extend({ lang: languageParam }).strict();

const userRef = z.object({ id: z.string(), username: z.string(), displayName: z.string() });

export const importJobSchema = z.object({
  id: z.string(),
  kind: z.enum(IMPORT_KINDS),
  status: z.enum(IMPORT_STATUSES).describe('queued → running → done; or cancelled, or failed (an unexpected error, see `error`)'),
  fileName: z.string(),
  encoding: z.enum(IMPORT_ENCODINGS).describe('how the file was read'),
  dryRun: z.boolean(),
  onDuplicate: z.enum(ON_DUPLICATE).nullable().describe('customers only'),
  columns: z
    .array(z.object({ header: z.string(), imports: z.string().nullable().describe('what the column feeds, e.g. `name`, `attribute:industry`, `field:订单号`; null when not imported') }))
    .describe('every column of the file, as understood'),
  ignoredColumns: z.array(z.string()).describe('columns not imported: informational ones from an export, or unknown ones left out on request'),
  counts: z.object({
    total: z.number().describe('data rows in the file (blank rows not counted)'),
    processed: z.number(),
    created: z.number(),
    updated: z.number(),
    skipped: z.number(),
    failed: z.number().describe('rows not imported; see `errors`'),
  }),
  progress: z.number().describe('percent of the rows processed'),
  createdBy: userRef.nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  updatedAt: z.string(),
  error: z.string().nullable().describe('the last unexpected error, while retried, or why the job failed'),
  links: z.object({ self: z.string(), errors: z.string(), errorsCsv: z.string() }),
});

export const importListSchema = z.object({ items: z.array(importJobSchema), nextCursor: z.string().nullable() });

export const importErrorListSchema = z.object({
  items: z.array(
    z.object({
      row: z.number().describe('the row number a spreadsheet shows: the header is row 1'),
      column: z.string().nullable().describe('the header of the column at fault; null for the row as a whole'),
      value: z.string().nullable().describe('an excerpt of the value (phone numbers, emails and ids masked)'),
      code: z.string(),
      message: z.string(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const csvResponse = z.string().describe('CSV: UTF-8 with a byte-order mark, CRLF line endings, the header row first');
