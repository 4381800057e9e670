import type { Role } from './auth';
import { api, apiRequest, downloadFile } from './client';

/**
 * CSV imports (docs/import-export.md): the job as `GET /imports/{id}` presents it
 * (src/transfer/http/transfer.schemas.ts), the error report, and the calls around them. The
 * upload sends the file itself as the body, as the API takes it (no multipart form).
 */

import { IMPORT_KINDS, mayImport, type ImportCounts, type ImportKind, type ImportStatus, type OnDuplicate } from './domain';

export { IMPORT_KINDS, IMPORT_STATUSES, ON_DUPLICATE, mayImport, type ImportCounts, type ImportKind, type ImportStatus, type OnDuplicate } from './domain';


/** The encodings a client may name; left out, the server detects UTF-8 (with or without a BOM), UTF-16 or GBK. */
export type RequestedEncoding = 'utf-8' | 'gbk';


export const importKindsFor = (role: Role): ImportKind[] => IMPORT_KINDS.filter((kind) => mayImport(role, kind));


export interface ImportJob {
  id: string;
  kind: ImportKind;
  status: ImportStatus;
  fileName: string;
  /** How the server read the file: utf-8, gbk, utf-16le, utf-16be. */
  encoding: string;
  dryRun: boolean;
  onDuplicate: OnDuplicate | null;
  columns: Array<{ header: string; imports: string | null }>;
  /** Columns not imported: informational ones of an export, or unknown ones left out on request. */
  ignoredColumns: string[];
  counts: ImportCounts;
  /** Percent of the rows processed. */
  progress: number;
  createdBy: { id: string; username: string; displayName: string } | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
  /** The last unexpected error while retried, or why the job failed. */
  error: string | null;
  links: { self: string; errors: string; errorsCsv: string };
}

/** One line of the error report: the row as a spreadsheet numbers it (the header is row 1), the column as the file spells it. */
export interface ImportErrorLine {
  row: number;
  column: string | null;
  /** An excerpt of the value; phone numbers, emails and ids masked. */
  value: string | null;
  code: string;
  message: string;
}

export interface ImportOptions {
  kind: ImportKind;
  dryRun: boolean;
  /** Left out: detected by the server. */
  encoding?: RequestedEncoding;
  /** Customers only. */
  onDuplicate?: OnDuplicate;
  ignoreUnknownColumns: boolean;
}

/**
 * The codes of an error report's lines the console words itself (i18n `imports.rowCodes`): the
 * cell checks and matching of src/transfer/domain and the use cases a row goes through. Any
 * other code shows the server's message.
 */
export const IMPORT_ROW_CODES = [
  'required',
  'invalid_value',
  'masked_value',
  'excel_number',
  'unknown_reference',
  'ambiguous_reference',
  'not_a_field',
  'field_without_service_item',
  'value_without_header',
  'too_many_cells',
  'duplicate_customer',
  'ambiguous_customer',
  'unknown_enterprise',
  'ambiguous_enterprise',
  'invalid_customer',
  'identity_taken',
  'validation_failed',
  'classification_required',
  'invalid_reference',
  'invalid_form_fields',
  'result_required',
  'conflicting_fields',
] as const;
export type ImportRowCode = (typeof IMPORT_ROW_CODES)[number];
export const isImportRowCode = (code: string): code is ImportRowCode => (IMPORT_ROW_CODES as readonly string[]).includes(code);

/** Refusals of the file itself, which the import page shows in place (they name columns and say how to fix them). */
export const FILE_REFUSAL_CODES = [
  'empty_file',
  'not_csv',
  'invalid_encoding',
  'invalid_csv',
  'missing_header',
  'unknown_columns',
  'missing_columns',
  'duplicate_columns',
  'no_rows',
  'payload_too_large',
  'unsupported_media_type',
  'import_forbidden',
] as const;

export const isFinished = (status: ImportStatus) => status === 'done' || status === 'failed' || status === 'cancelled';

export type ImportPage = { items: ImportJob[]; nextCursor: string | null };

/** The user's imports, newest first (an administrator's list has everyone's). */
export const listImports = (cursor: string | null, signal?: AbortSignal) => api.get<ImportPage>('/imports', { limit: 20, cursor }, signal);

/** The first lines of a job's error report, in row order. */
export const listImportErrors = (id: string, limit: number, signal?: AbortSignal) =>
  api.get<{ items: ImportErrorLine[]; nextCursor: string | null }>(`/imports/${encodeURIComponent(id)}/errors`, { limit }, signal);

export const cancelImport = (id: string) => api.post<ImportJob>(`/imports/${encodeURIComponent(id)}/cancel`);

export const deleteImport = (id: string) => api.delete<void>(`/imports/${encodeURIComponent(id)}`);

/**
 * Sends a CSV file to be imported: its bytes as the body (`text/csv`; the server detects or is
 * told the encoding), the options in the query, the CSRF token as for every change. Answers the
 * queued job (202); a refusal (a header naming unknown columns, a file that is no CSV …) is an
 * ApiError as from `apiRequest`, its `fieldIssues` naming the columns.
 */
export async function uploadImport(file: File, options: ImportOptions): Promise<ImportJob> {
  const query = {
    kind: options.kind,
    dryRun: options.dryRun ? 'true' : undefined,
    encoding: options.encoding,
    onDuplicate: options.kind === 'customers' ? options.onDuplicate : undefined,
    ignoreUnknownColumns: options.ignoreUnknownColumns ? 'true' : undefined,
    // The server takes at most 200 characters (a long name is kept by its end, where .csv is).
    fileName: file.name.trim() ? file.name.trim().slice(-200) : undefined,
  };
  return apiRequest<ImportJob>('POST', '/imports', { query, file: { data: await file.arrayBuffer(), type: 'text/csv' } });
}

type Language = 'zh' | 'en';

/** The empty file with the header row of a kind (custom attributes and form fields included), in the console's language. */
export const downloadTemplate = (kind: ImportKind, lang: Language) =>
  downloadFile('/imports/template.csv', { kind, lang }, lang === 'zh' ? (kind === 'customers' ? '客户导入模板.csv' : '工单导入模板.csv') : `${kind}-template.csv`);

/** The failed rows as uploaded, with an error column (personal data in full: fetched with the CSRF token). */
export const downloadFailedRows = (job: Pick<ImportJob, 'id' | 'fileName'>, lang: Language) =>
  downloadFile(`/imports/${encodeURIComponent(job.id)}/errors.csv`, { lang }, `${job.fileName.replace(/\.csv$/i, '')}-${lang === 'zh' ? '错误行' : 'errors'}.csv`);
