import type { UseCaseContext } from '../../app/context.js';
import type { Actor } from '../../auth/domain/actor.js';
import { AppError, fieldIssue, forbidden, unprocessable, type FieldIssueCode } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { mapHeader, type HeaderProblem } from '../domain/columns.js';
import { CsvSyntaxError, isBlank, readCsv } from '../domain/csv-file.js';
import { decodeCsvBytes, isDecodeProblem, type RequestedEncoding } from '../domain/encoding.js';
import { CHUNK_ROWS, mayImport, type ImportJob, type ImportKind, type ImportOptions } from '../domain/import-job.js';
import type { ImportChunk } from '../persistence/imports-repository.js';
import { columnTableFor } from './import-context.js';

export interface StartImportRequest {
  kind: ImportKind;
  fileName: string;
  bytes: Uint8Array;
  /** Overrides detection (`?encoding=`, or the charset of the Content-Type). */
  encoding?: RequestedEncoding;
  options: ImportOptions;
}

/**
 * Accepts a CSV file for import: reads it as text (detecting UTF-8 or GBK), checks its header at
 * once (unknown, missing or doubled columns refuse the file, naming them), splits the data rows
 * into chunks and stores them with a queued job, all in one transaction. The rows themselves are
 * checked and imported by the worker, chunk by chunk (see run-imports).
 */
export async function startImport(ctx: UseCaseContext, actor: Actor, request: StartImportRequest): Promise<ImportJob> {
  if (!mayImport(actor.role, request.kind)) {
    throw forbidden('import_forbidden', `A user with the role ${actor.role} may not import ${request.kind}; ${request.kind === 'customers' ? 'administrators' : 'administrators and supervisors'} may.`);
  }
  const decoded = decodeCsvBytes(request.bytes, request.encoding);
  if (isDecodeProblem(decoded)) throw unprocessable(decoded.code, decoded.message);
  const table = await ctx.uow.read((repos) => columnTableFor(repos, request.kind));
  const size = CHUNK_ROWS[request.kind];
  const chunks: ImportChunk[] = [];
  let header: string[] | null = null;
  let columns: ImportJob['columns'] = [];
  let total = 0;
  try {
    for await (const record of readCsv(decoded.text)) {
      if (header === null) {
        if (isBlank(record.cells)) throw missingHeader();
        header = record.cells.map((cell) => cell.trim());
        const mapping = mapHeader(table, header, { ignoreUnknown: request.options.ignoreUnknownColumns });
        if ('problems' in mapping) throw headerRefusal(mapping.problems);
        columns = mapping.columns;
        continue;
      }
      if (isBlank(record.cells)) continue;
      let chunk = chunks.at(-1);
      if (!chunk || chunk.rows.length >= size) chunks.push((chunk = { seq: chunks.length, rows: [] }));
      chunk.rows.push({ row: record.row, cells: record.cells });
      total += 1;
    }
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw unprocessable('invalid_csv', error.message, [fieldIssue(`row ${error.row}`, 'invalid_format', 'is not valid CSV', { format: 'csv' })]);
    throw error;
  }
  if (header === null) throw missingHeader();
  if (total === 0) throw unprocessable('no_rows', 'The file has a header but no data rows.');
  const at = ctx.clock.now().toISOString();
  const job: ImportJob = {
    id: newId(),
    kind: request.kind,
    status: 'queued',
    fileName: request.fileName,
    encoding: decoded.encoding,
    options: request.options,
    header,
    columns,
    counts: { total, processed: 0, created: 0, updated: 0, skipped: 0, failed: 0 },
    chunkCount: chunks.length,
    nextChunk: 0,
    attempts: 0,
    lastError: null,
    createdBy: actor.id,
    createdAt: at,
    updatedAt: at,
    startedAt: null,
    finishedAt: null,
  };
  await ctx.uow.write((repos) => repos.imports.insert(job, chunks));
  return job;
}

function missingHeader(): AppError {
  return unprocessable('missing_header', 'The first row of the file must be the header: the names of the columns (see the template).');
}

/** What is wrong with each column a header problem names. */
const COLUMN_ISSUES: Record<HeaderProblem['code'], FieldIssueCode> = {
  unknown_columns: 'unknown_field',
  missing_columns: 'required',
  duplicate_columns: 'duplicate',
};

/** A header that cannot be imported: the first problem's code, every problem listed, each column named. */
function headerRefusal(problems: HeaderProblem[]): AppError {
  return new AppError(422, problems[0]!.code, problems.map((p) => p.message).join(' '), {
    problems,
    errors: problems.flatMap((p) => p.columns.map((column) => fieldIssue(column, COLUMN_ISSUES[p.code], p.code.replace('_columns', ' column')))),
  });
}
