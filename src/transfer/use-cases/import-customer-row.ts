import type { UseCaseContext } from '../../app/context.js';
import type { Repositories } from '../../app/repositories.js';
import type { Actor } from '../../auth/domain/actor.js';
import { normalisePhone, type Customer } from '../../customers/domain/customer.js';
import { createCustomerBody } from '../../customers/http/customer.schemas.js';
import { addMissingIdentities, changeCustomer, recordNewCustomer } from '../../customers/use-cases/manage-customers.js';
import { conflict, fieldIssue, unprocessable } from '../../platform/errors.js';
import type { CustomerRow } from '../domain/customer-columns.js';
import type { OnDuplicate } from '../domain/import-job.js';
import { schemaRefusal } from './import-context.js';

export type RowOutcome = 'created' | 'updated' | 'skipped';

/**
 * Imports one customer row inside the chunk's transaction, through the customers module's own
 * create and change: the same checks, encryption, tags, attributes and audit trail as the API.
 * The row is checked first against the API's request schema, so a file accepts what a request
 * accepts. A row naming a customer that exists (by 客户ID, or by any of its phone numbers) is
 * skipped, brought up to date, or refused, as `onDuplicate` says.
 */
export async function importCustomerRow(
  ctx: UseCaseContext,
  repos: Repositories,
  actor: Actor,
  row: CustomerRow,
  onDuplicate: OnDuplicate,
): Promise<RowOutcome> {
  const parsed = createCustomerBody.safeParse(row.draft);
  if (!parsed.success) throw schemaRefusal(parsed.error, row.draft, 'invalid_customer', 'customer');
  const input = parsed.data;
  const parentId = row.parentName ? await enterpriseNamed(repos, row.parentName.value) : undefined;
  const existing = await existingCustomer(ctx, repos, row);
  if (!existing) {
    await recordNewCustomer(ctx, repos, actor, { ...input, ...(parentId && { parentId }) }, 'import');
    return 'created';
  }
  const matchedBy = existing.by;
  if (onDuplicate === 'skip') return 'skipped';
  if (onDuplicate === 'error') {
    throw conflict('duplicate_customer', `${matchedBy}: customer ${existing.customer.name} (${existing.customer.id}) already exists.`, {
      customerId: existing.customer.id,
      errors: [fieldIssue(matchedBy, 'taken', `belongs to customer ${existing.customer.name} (${existing.customer.id}), who already exists`)],
    });
  }
  // Update: what the row gives replaces what the customer has; empty cells change nothing.
  await changeCustomer(ctx, repos, actor, existing.customer.id, {
    name: input.name,
    ...(input.type !== undefined && { type: input.type }),
    ...(input.tier !== undefined && { tier: input.tier }),
    ...(input.tags !== undefined && { tags: input.tags }),
    ...(input.attributes !== undefined && { attributes: input.attributes }),
    ...(input.idNumber !== undefined && { idNumber: input.idNumber }),
    ...(parentId && { parentId }),
  });
  await addMissingIdentities(ctx, repos, actor, existing.customer.id, { phones: input.phones, emails: input.emails, externalIds: input.externalIds });
  return 'updated';
}

/** The live enterprise customer a 所属企业 cell names; exactly one must have the name. */
async function enterpriseNamed(repos: Repositories, name: string): Promise<string> {
  const found = await repos.customers.findEnterprisesNamed(name);
  if (found.length === 1) return found[0]!.id;
  const message = found.length === 0 ? 'no enterprise (政企) customer has this name; import the enterprise first (an earlier row works)' : 'several enterprise customers have this name';
  throw unprocessable(found.length === 0 ? 'unknown_enterprise' : 'ambiguous_enterprise', `parentId: ${message}.`, [fieldIssue('parentId', 'unknown_reference', message)]);
}

/**
 * The customer a row is about, if it exists: the one its 客户ID names (a merged one's survivor;
 * an id this system does not know — a file from another system — matches nothing), else the one
 * holding its phone numbers. Numbers held by two different customers refuse the row.
 */
async function existingCustomer(ctx: UseCaseContext, repos: Repositories, row: CustomerRow): Promise<{ customer: Customer; by: string } | null> {
  if (row.id) {
    let customer = await repos.customers.findById(row.id);
    for (let hops = 0; customer?.mergedIntoId && hops < 10; hops++) customer = await repos.customers.findById(customer.mergedIntoId);
    if (customer && customer.deletedAt === null && !customer.mergedIntoId) return { customer, by: 'id' };
  }
  const holders = new Map<string, string>();
  for (const [i, phone] of (row.draft.phones ?? []).entries()) {
    const owner = await repos.customers.findOwner('phone', null, normalisePhone(phone.number, ctx.defaultAreaCode));
    if (owner && !holders.has(owner.customerId)) holders.set(owner.customerId, `phones.${i}`);
  }
  if (holders.size > 1) {
    const fields = [...holders.values()];
    throw conflict('ambiguous_customer', `The row's phone numbers belong to ${holders.size} different customers: ${[...holders.keys()].join(', ')}. Merge them first, or split the row.`, {
      errors: fields.map((field, i) => fieldIssue(field, 'conflicts', `belongs to customer ${[...holders.keys()][i]}`)),
    });
  }
  const [entry] = holders;
  if (!entry) return null;
  const customer = await repos.customers.findById(entry[0]);
  return customer ? { customer, by: entry[1] } : null;
}
