import { Readable, pipeline } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UseCaseContext } from '../../app/context.js';
import { actorOf } from '../../auth/http/authentication.js';
import type { AppConfig } from '../../platform/config.js';
import { AppError, forbidden } from '../../platform/errors.js';
import { decodeCursor, encodeCursor, invalidCursor, isCursorTime } from '../../platform/http/cursor.js';
import { idParam, noQuery, problemResponses } from '../../platform/http/schemas.js';
import type { HttpApp } from '../../platform/http/types.js';
import { sameSecret } from '../../platform/security/secrets.js';
import type { ColumnTarget } from '../domain/columns.js';
import { csvWriter } from '../domain/csv-file.js';
import { progressPercent } from '../domain/import-job.js';
import { exportCustomers, exportTickets, type ExportFile } from '../use-cases/export-data.js';
import { cancelImport, deleteImport, failedRows, getImport, importTemplate, listImportErrors, listImports, type ImportJobDetail } from '../use-cases/read-imports.js';
import { startImport } from '../use-cases/start-import.js';
import {
  csvLanguageQuery,
  csvResponse,
  customerExportQuery,
  encodingName,
  importErrorListSchema,
  importJobSchema,
  importListSchema,
  importQuery,
  pageQuery,
  templateQuery,
  ticketExportQuery,
  viewExportQuery,
} from './transfer.schemas.js';

const IMPORTS = '/api/v1/imports';

/** How browsers and tools label a CSV upload (Windows calls .csv files application/vnd.ms-excel). */
const CSV_MEDIA_TYPES = ['text/csv', 'application/csv', 'text/plain', 'application/octet-stream', 'application/vnd.ms-excel'];

function describeTarget(target: ColumnTarget): string | null {
  switch (target.kind) {
    case 'builtin':
      return target.key;
    case 'attribute':
      return `attribute:${target.key}`;
    case 'field':
      return `field:${target.ref}`;
    case 'external':
      return `external:${target.scheme}`;
    case 'ignored':
      return null;
  }
}

function presentJob({ job, createdBy }: ImportJobDetail) {
  const self = `${IMPORTS}/${job.id}`;
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    fileName: job.fileName,
    encoding: job.encoding,
    dryRun: job.options.dryRun,
    onDuplicate: job.kind === 'customers' ? job.options.onDuplicate : null,
    columns: job.columns.map((c) => ({ header: c.header, imports: describeTarget(c.target) })),
    ignoredColumns: job.columns.filter((c) => c.target.kind === 'ignored' && c.target.reason !== 'blank').map((c) => c.header),
    counts: job.counts,
    progress: progressPercent(job.counts),
    createdBy,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    updatedAt: job.updatedAt,
    error: job.lastError,
    links: { self, errors: `${self}/errors`, errorsCsv: `${self}/errors.csv` },
  };
}

/** `attachment`, with an ASCII name for old clients and the real (often Chinese) one per RFC 6266/5987. */
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Refuses a download of data that a signed-in browser did not ask for itself. The session cookie
 * (SameSite=Lax) goes along with a link another site's page follows, and a GET needs no CSRF
 * token, so such a link could put an administrator's unmasked customer export in their Downloads
 * and its entry in the audit trail in their name. With a session, an export therefore needs the
 * session's csrfToken in `X-CSRF-Token`, as every change does: a header that no link, form or
 * image of another site can send. API tokens (`Authorization: Bearer`) carry no cookie and need none.
 */
function refuseCrossSiteDownload(request: FastifyRequest): void {
  const csrf = request.auth?.csrfToken;
  if (!csrf) return;
  const sent = request.headers['x-csrf-token'];
  if (typeof sent !== 'string' || !sameSecret(sent, csrf)) {
    throw forbidden(
      'csrf_token_invalid',
      'Signed in with a session, send the csrfToken from sign-in in the X-CSRF-Token header with an export too (a link from another site cannot start one); scripts use an API token.',
    );
  }
}

/**
 * Streams a CSV file: the header, then the rows as the use case reads them page by page, through
 * csv-stringify into the response. A failure half-way (the database went away) aborts the
 * response, so the client sees a broken download rather than a file that looks complete. A HEAD
 * answers the headers alone: no row is read (Fastify would read the whole file to throw it away).
 */
function sendCsv(request: FastifyRequest, reply: FastifyReply, file: ExportFile) {
  const head = request.method === 'HEAD';
  async function* records() {
    yield file.header;
    if (!head) yield* file.rows;
  }
  const writer = csvWriter();
  pipeline(Readable.from(records()), writer, (error) => {
    if (error) request.log.error({ err: error }, 'CSV export failed half-way');
  });
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', attachment(file.fileName))
    .header('cache-control', 'no-store')
    .send(writer);
}

/** A cursor of one of these lists, as the list issued it: [createdAt, id] of imports, [row, position] of an import's errors. */
function pairCursor<T extends string | number>(cursor: string, kind: 'time' | 'integer'): [T, T] {
  const values = decodeCursor(cursor);
  const fits = kind === 'integer' ? values.every((v) => Number.isInteger(v) && (v as number) >= 0) : isCursorTime(values[0]) && typeof values[1] === 'string';
  if (values.length !== 2 || !fits) throw invalidCursor();
  return values as [T, T];
}

/** The charset of `Content-Type: text/csv; charset=gbk`, when it names one we read. */
function charsetOf(request: FastifyRequest): 'utf-8' | 'gbk' | undefined {
  const match = /;\s*charset="?([^";\s]+)"?/i.exec(String(request.headers['content-type'] ?? ''));
  if (!match) return undefined;
  const parsed = encodingName.safeParse(match[1]);
  return parsed.success ? parsed.data : undefined;
}

/** CSV import (jobs, progress, error reports, templates) and CSV export of tickets, views and customers. */
export function registerTransferRoutes(app: HttpApp, ctx: UseCaseContext, config: Pick<AppConfig, 'importLimitBytes'>): void {
  registerExportRoutes(app, ctx);
  // Its own scope: only these routes take CSV bodies; everything else stays JSON-only.
  void app.register(async (scope: HttpApp) => {
    scope.addContentTypeParser(CSV_MEDIA_TYPES, { parseAs: 'buffer' }, (_request, body: Buffer, done) => done(null, body));
    registerImportRoutes(scope, ctx, config);
  });
}

function registerImportRoutes(app: HttpApp, ctx: UseCaseContext, config: Pick<AppConfig, 'importLimitBytes'>): void {
  const tags = ['imports'];
  app.post(
    IMPORTS,
    {
      bodyLimit: config.importLimitBytes,
      schema: {
        tags,
        summary: 'Import customers or tickets from a CSV file (the raw file is the body)',
        description:
          'Send the file as the body with `Content-Type: text/csv` (or application/octet-stream). UTF-8 (with or without a byte-order mark) and GBK are detected; ' +
          '`encoding` or `charset=` overrides. The header is checked at once (422 naming unknown, missing or doubled columns); the rows are imported in the ' +
          'background: follow the `Location`. Customers: administrators; tickets: administrators and supervisors. See docs/import-export.md.',
        consumes: CSV_MEDIA_TYPES,
        querystring: importQuery,
        response: { 202: importJobSchema, 413: problemResponses[422], 415: problemResponses[422], ...problemResponses },
      },
    },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) {
        throw new AppError(415, 'unsupported_media_type', 'Send the CSV file itself as the body, with Content-Type: text/csv.');
      }
      const { kind, dryRun, encoding, onDuplicate, ignoreUnknownColumns, fileName } = request.query;
      const actor = actorOf(request);
      const job = await startImport(ctx, actor, {
        kind,
        fileName: fileName ?? 'upload.csv',
        bytes: request.body,
        encoding: encoding ?? charsetOf(request),
        options: { dryRun, onDuplicate: onDuplicate ?? 'error', ignoreUnknownColumns },
      });
      const detail = await getImport(ctx, actor, job.id);
      return reply.code(202).header('location', `${IMPORTS}/${job.id}`).send(presentJob(detail));
    },
  );

  app.get(
    IMPORTS,
    { schema: { tags, summary: 'Your imports, newest first (administrators: everyone’s)', querystring: pageQuery, response: { 200: importListSchema, ...problemResponses } } },
    async (request) => {
      const { limit, cursor } = request.query;
      const page = await listImports(ctx, actorOf(request), { limit, after: cursor ? pairCursor<string>(cursor, 'time') : undefined });
      return { items: page.items.map(presentJob), nextCursor: page.next ? encodeCursor([...page.next]) : null };
    },
  );

  app.get(
    `${IMPORTS}/template.csv`,
    {
      schema: {
        tags,
        summary: 'An empty file with the header row to fill in (custom attributes and form fields included)',
        querystring: templateQuery,
        response: { 200: csvResponse, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { kind, lang } = request.query;
      const header = await importTemplate(ctx, actorOf(request), kind, lang);
      const name = lang === 'zh' ? (kind === 'customers' ? '客户导入模板' : '工单导入模板') : `${kind}-template`;
      return sendCsv(request, reply, { fileName: `${name}.csv`, header, rows: (async function* () {})() });
    },
  );

  app.get(
    `${IMPORTS}/:id`,
    { schema: { tags, summary: 'An import and its progress', params: idParam, querystring: noQuery, response: { 200: importJobSchema, ...problemResponses } } },
    async (request) => presentJob(await getImport(ctx, actorOf(request), request.params.id)),
  );

  app.get(
    `${IMPORTS}/:id/errors`,
    {
      schema: {
        tags,
        summary: 'The error report: each problem with its row number (as a spreadsheet shows it) and column',
        params: idParam,
        querystring: pageQuery,
        response: { 200: importErrorListSchema, ...problemResponses },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const page = await listImportErrors(ctx, actorOf(request), request.params.id, { limit, after: cursor ? pairCursor<number>(cursor, 'integer') : undefined });
      return {
        items: page.items.map(({ row, column, value, code, message }) => ({ row, column, value, code, message })),
        nextCursor: page.next ? encodeCursor([...page.next]) : null,
      };
    },
  );

  app.get(
    `${IMPORTS}/:id/errors.csv`,
    {
      schema: {
        tags,
        summary: 'The rows that failed, as they were, with a column saying what is wrong: fix them and import the file again',
        description: 'Personal data in full, as uploaded. With a session cookie, send the `csrfToken` in `X-CSRF-Token` (403 `csrf_token_invalid` otherwise); API tokens need none.',
        params: idParam,
        querystring: csvLanguageQuery,
        response: { 200: csvResponse, ...problemResponses },
      },
    },
    async (request, reply) => {
      // The failed rows as uploaded, personal data in full: not for a link from another site either.
      refuseCrossSiteDownload(request);
      const { job, header, rows } = await failedRows(ctx, actorOf(request), request.params.id, request.query.lang);
      const base = job.fileName.replace(/\.csv$/i, '');
      return sendCsv(request, reply, { fileName: `${base}-${request.query.lang === 'zh' ? '错误行' : 'errors'}.csv`, header, rows });
    },
  );

  app.post(
    `${IMPORTS}/:id/cancel`,
    {
      schema: {
        tags,
        summary: 'Stop a queued or running import (the rows imported so far stay)',
        params: idParam,
        querystring: noQuery,
        response: { 200: importJobSchema, ...problemResponses },
      },
    },
    async (request) => presentJob(await cancelImport(ctx, actorOf(request), request.params.id)),
  );

  app.delete(
    `${IMPORTS}/:id`,
    { schema: { tags, summary: 'Delete a finished import with its stored file and report (the imported data stays)', params: idParam, querystring: noQuery } },
    async (request, reply) => {
      await deleteImport(ctx, actorOf(request), request.params.id);
      return reply.code(204).send();
    },
  );
}

function registerExportRoutes(app: HttpApp, ctx: UseCaseContext): void {
  const tags = ['exports'];
  const description =
    'UTF-8 with a byte-order mark and CRLF line endings, for Excel; headers in Chinese (`lang=en` for English). Times are ISO 8601 in the ' +
    'organisation’s time zone with their offset. Cells starting with = + - @ get a leading apostrophe (formula injection). Phone numbers are ' +
    'in full only in an administrator’s export, which is recorded in the audit trail. Streamed page by page. ' +
    'Signed in with a session cookie, send the `csrfToken` in `X-CSRF-Token`, as with a change (403 `csrf_token_invalid` otherwise), so that ' +
    'a link on another site cannot start an export; API tokens (`Authorization: Bearer`) need none. HEAD checks the filters and answers the ' +
    'headers: no rows, no audit entry.';
  app.get(
    '/api/v1/tickets/export.csv',
    { schema: { tags, summary: 'Export the tickets of any list as CSV: every filter and the search `q` of GET /tickets, or a `view`', description, querystring: ticketExportQuery, response: { 200: csvResponse, ...problemResponses } } },
    async (request, reply) => {
      refuseCrossSiteDownload(request);
      const { lang, view, ...filters } = request.query;
      return sendCsv(request, reply, await exportTickets(ctx, actorOf(request), { filters, view, language: lang, headOnly: request.method === 'HEAD' }));
    },
  );

  app.get(
    '/api/v1/views/:id/export.csv',
    {
      schema: { tags, summary: 'Export the tickets of a saved view as CSV (other parameters narrow it, as on the list)', description, params: idParam, querystring: viewExportQuery, response: { 200: csvResponse, ...problemResponses } },
    },
    async (request, reply) => {
      refuseCrossSiteDownload(request);
      const { lang, ...filters } = request.query;
      return sendCsv(request, reply, await exportTickets(ctx, actorOf(request), { filters, view: request.params.id, language: lang, headOnly: request.method === 'HEAD' }));
    },
  );

  app.get(
    '/api/v1/customers/export.csv',
    {
      schema: { tags, summary: 'Export customers as CSV, with the filters of the customer list; the file imports again', description, querystring: customerExportQuery, response: { 200: csvResponse, ...problemResponses } },
    },
    async (request, reply) => {
      refuseCrossSiteDownload(request);
      const { lang, q, match, tag, tier, type, parent } = request.query;
      const headOnly = request.method === 'HEAD';
      return sendCsv(request, reply, await exportCustomers(ctx, actorOf(request), { q, match, tags: tag, tiers: tier, types: type, parentId: parent, language: lang, headOnly }));
    },
  );
}
