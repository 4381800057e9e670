import type { ZodError } from 'zod';
import type { Repositories } from '../../app/repositories.js';
import type { Actor } from '../../auth/domain/actor.js';
import { toActor } from '../../auth/use-cases/authenticate.js';
import { AppError, unprocessable, type FieldIssue } from '../../platform/errors.js';
import { schemaFieldIssue } from '../../platform/schema-issues.js';
import { customerColumnTable } from '../domain/customer-columns.js';
import { cellExcerpt, type ColumnTable, type FieldSources, type RowIssue } from '../domain/columns.js';
import type { ImportKind } from '../domain/import-job.js';
import { ticketColumnTable, type NamedServiceItem, type TicketReferences } from '../domain/ticket-columns.js';

/** Reference data as a ticket file names it: every category, service item (with its path and form), priority and department. */
export async function ticketReferences(repos: Repositories): Promise<TicketReferences> {
  const reference = await repos.reference();
  const items = reference.serviceItems.all;
  const byId = new Map(items.map((item) => [item.id, item]));
  const pathOf = (id: string): string[] => {
    const names: string[] = [];
    for (let item = byId.get(id); item && names.length < 20; item = item.parentId ? byId.get(item.parentId) : undefined) names.unshift(item.name);
    return names;
  };
  const named = ({ id, code, name, nameEn, active }: { id: string; code: string; name: string; nameEn: string | null; active: boolean }) => ({ id, code, name, nameEn, active });
  return {
    categories: reference.categories.all.map(named),
    priorities: reference.priorities.all.map(named),
    departments: reference.departments.all.map(named),
    serviceItems: items.map((item): NamedServiceItem => ({ ...named(item), path: pathOf(item.id), fields: item.fields })),
    defaultServiceItemId: reference.settings.intakeDefaults.serviceItemId,
  };
}

/** The columns a file of this kind may have now (custom attributes and form fields included). */
export async function columnTableFor(repos: Repositories, kind: ImportKind): Promise<ColumnTable> {
  return kind === 'customers' ? customerColumnTable(await repos.customerAttributes.list()) : ticketColumnTable(await ticketReferences(repos));
}

/** The person a job runs as, as they are now: a deactivated user's job stops. */
export async function jobActor(repos: Repositories, userId: string): Promise<Actor | null> {
  const user = await repos.users.findById(userId);
  return user?.active ? toActor(user) : null;
}

/** A request body that its schema refuses, as the use case would: one issue per field. */
export function schemaRefusal(error: ZodError, checked: unknown, code: string, what: string): AppError {
  const issues: FieldIssue[] = error.issues.map((issue) => schemaFieldIssue(issue, issue.path.join('.') || 'row', checked));
  return unprocessable(code, `The ${what} is not valid: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}.`, issues);
}

/**
 * A refusal of a row's use case (or its schema) as error-report lines: one per field it names,
 * each under the column the field came from, with the stable code of the refusal.
 */
export function rowIssuesOf(error: AppError, sources: FieldSources): RowIssue[] {
  const fields = Array.isArray(error.extra.errors) ? (error.extra.errors as FieldIssue[]) : [];
  if (fields.length === 0) return [{ column: null, value: null, code: error.code, message: error.message }];
  return fields.map((issue) => {
    const cell = sources.find(issue.field);
    return {
      column: cell?.column.header ?? null,
      value: cell ? cellExcerpt(cell) : null,
      code: error.code,
      message: cell ? issue.message : `${issue.field}: ${issue.message}`,
    };
  });
}
