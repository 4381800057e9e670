import type { UseCaseContext } from '../../app/context.js';
import type { Actor } from '../../auth/domain/actor.js';
import type { UserRefView } from '../../tickets/persistence/ticket-view.js';
import { conflict, forbidden, notFound } from '../../platform/errors.js';
import { unescapeFormula } from '../domain/cells.js';
import { customerExportHeader } from '../domain/customer-columns.js';
import { headerOf, RowCells, tooManyCellsMessage, type Language } from '../domain/columns.js';
import { isFinished, mayImport, maySeeJob, type ImportJob, type ImportKind } from '../domain/import-job.js';
import { fieldColumns, TICKET_IMPORT_COLUMNS, ticketColumnTable } from '../domain/ticket-columns.js';
import type { ImportErrorRecord } from '../persistence/imports-repository.js';
import { nextTurn } from './export-data.js';
import { ticketReferences } from './import-context.js';

export interface ImportJobDetail {
  job: ImportJob;
  createdBy: UserRefView | null;
}

/** A job its creator (or an administrator) may see; anyone else's answers 404, like a missing one. */
async function visibleJob(ctx: UseCaseContext, actor: Actor, id: string): Promise<ImportJob> {
  const job = await ctx.uow.read((repos) => repos.imports.find(id));
  if (!job || !maySeeJob(actor, job)) throw notFound('Import', id);
  return job;
}

async function withCreator(ctx: UseCaseContext, jobs: ImportJob[]): Promise<ImportJobDetail[]> {
  return ctx.uow.read(async (repos) => {
    const users = new Map<string, UserRefView | null>();
    for (const id of new Set(jobs.map((j) => j.createdBy))) {
      const user = await repos.users.findById(id);
      users.set(id, user ? { id: user.id, username: user.username, displayName: user.displayName } : null);
    }
    return jobs.map((job) => ({ job, createdBy: users.get(job.createdBy) ?? null }));
  });
}

export async function getImport(ctx: UseCaseContext, actor: Actor, id: string): Promise<ImportJobDetail> {
  const [detail] = await withCreator(ctx, [await visibleJob(ctx, actor, id)]);
  return detail!;
}

/** The caller's jobs, newest first; an administrator's list has everyone's. */
export async function listImports(
  ctx: UseCaseContext,
  actor: Actor,
  page: { limit: number; after?: readonly [string, string] },
): Promise<{ items: ImportJobDetail[]; next: readonly [string, string] | null }> {
  const { items, more } = await ctx.uow.read((repos) => repos.imports.list({ ...page, createdBy: actor.role === 'admin' ? undefined : actor.id }));
  const last = items.at(-1);
  return { items: await withCreator(ctx, items), next: more && last ? [last.createdAt, last.id] : null };
}

/** A page of a job's error report, in row order. */
export async function listImportErrors(
  ctx: UseCaseContext,
  actor: Actor,
  id: string,
  page: { limit: number; after?: readonly [number, number] },
): Promise<{ items: ImportErrorRecord[]; next: readonly [number, number] | null }> {
  const job = await visibleJob(ctx, actor, id);
  const { items, more } = await ctx.uow.read((repos) => repos.imports.errors(job.id, page));
  const last = items.at(-1);
  return { items, next: more && last ? [last.row, last.seq] : null };
}

const ERROR_PAGE = 1000;

/**
 * The rows of the file that failed, as they were, with one more column saying what is wrong
 * with each: fix them in the spreadsheet and import that file again. Read page by page.
 */
export async function failedRows(ctx: UseCaseContext, actor: Actor, id: string, language: Language): Promise<{ job: ImportJob; header: string[]; rows: AsyncIterable<string[]> }> {
  const job = await visibleJob(ctx, actor, id);
  const errorColumn = language === 'zh' ? '错误' : 'Errors';
  async function* rows(): AsyncGenerator<string[]> {
    const messages = new Map<number, ImportErrorRecord[]>();
    let after: readonly [number, number] | undefined;
    for (;;) {
      const page = await ctx.uow.read((repos) => repos.imports.errors(job.id, { limit: ERROR_PAGE, after }));
      for (const e of page.items) messages.set(e.row, [...(messages.get(e.row) ?? []), e]);
      const last = page.items.at(-1);
      if (!page.more || !last) break;
      after = [last.row, last.seq];
    }
    const seqs = await ctx.uow.read((repos) => repos.imports.chunksWithRows(job.id, [...messages.keys()]));
    for (const seq of seqs) {
      await nextTurn();
      const chunk = await ctx.uow.read((repos) => repos.imports.chunk(job.id, seq));
      for (const { row, cells } of chunk?.rows ?? []) {
        const errors = messages.get(row);
        if (!errors) continue;
        // Cells past the header's last column failed the row (too_many_cells), whose message quotes
        // them: masked in the stored report, in full here, read from the sealed copy of the file.
        const leftOver = new RowCells(cells, job.columns).overflow();
        const lines = errors.map((e) => {
          const message = e.code === 'too_many_cells' && leftOver.length > 0 ? tooManyCellsMessage(cells.length, job.columns.length, leftOver, (v) => v) : e.message;
          return e.column ? `${e.column}: ${message}` : message;
        });
        // The writer escapes every cell against formulas; a cell the file had escaped already
        // (`'=x`) is unescaped first, so it is written as it was and reads back as it did.
        const padded = job.header.map((_, i) => unescapeFormula(cells[i] ?? ''));
        yield [...padded, `${language === 'zh' ? '第' : 'Row '}${row}${language === 'zh' ? '行' : ''}: ${lines.join('; ')}`];
      }
    }
  }
  return { job, header: [...job.header, errorColumn], rows: rows() };
}

/** Stops a queued or running job; rows already imported stay (each chunk is whole). */
export async function cancelImport(ctx: UseCaseContext, actor: Actor, id: string): Promise<ImportJobDetail> {
  const job = await visibleJob(ctx, actor, id);
  if (isFinished(job.status)) throw conflict('import_finished', `The import is ${job.status} already; only a queued or running import can be cancelled.`, { status: job.status });
  await ctx.uow.write((repos) => repos.imports.cancel(job.id, ctx.clock.now().toISOString()));
  return getImport(ctx, actor, id);
}

/** Deletes a finished job with its stored file and report (the imported data stays). */
export async function deleteImport(ctx: UseCaseContext, actor: Actor, id: string): Promise<void> {
  const job = await visibleJob(ctx, actor, id);
  if (!isFinished(job.status)) throw conflict('import_running', 'Cancel the import before deleting it.', { status: job.status });
  await ctx.uow.write((repos) => repos.imports.remove(job.id));
}

/** The header row of a file to import, with today's attribute columns or form-field columns. */
export async function importTemplate(ctx: UseCaseContext, actor: Actor, kind: ImportKind, language: Language): Promise<string[]> {
  if (!mayImport(actor.role, kind)) throw forbidden('import_forbidden', `A user with the role ${actor.role} may not import ${kind}.`);
  return ctx.uow.read(async (repos) => {
    if (kind === 'customers') {
      // The export's columns without the ones only an export fills in.
      const header = customerExportHeader(await repos.customerAttributes.list(), language);
      return header.slice(1, -2);
    }
    const references = await ticketReferences(repos);
    const table = ticketColumnTable(references);
    const fields = fieldColumns(references.serviceItems.filter((s) => s.active), table, language);
    return [...TICKET_IMPORT_COLUMNS.map((c) => headerOf(c, language)), ...fields.map((f) => f.header)];
  });
}
