import type { UseCaseContext } from '../../app/context.js';
import type { Repositories } from '../../app/repositories.js';
import type { Actor } from '../../auth/domain/actor.js';
import { conflict, fieldIssue, forbidden, notFound, unprocessable, type FieldIssue } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { reindexTickets } from '../../search/use-cases/index-ticket.js';
import { applyAttributeChanges } from '../domain/attributes.js';
import { maskIdentity, normaliseTags, type Customer, type CustomerType } from '../domain/customer.js';
import { mayDeleteCustomers, mayEditCustomers } from '../domain/privacy.js';
import {
  auditEntry,
  draftIdentity,
  duplicateIssues,
  findCustomer,
  findLiveCustomer,
  loadRecord,
  storeIdentities,
  type CustomerRecord,
  type IdentityDraft,
  type IdentityInput,
} from './customer-records.js';

export interface PhoneInput {
  number: string;
  label?: string | null;
  primary?: boolean;
}
export interface EmailInput {
  address: string;
  label?: string | null;
  primary?: boolean;
}
export interface ExternalIdInput {
  kind: string;
  value: string;
}

export interface CreateCustomerInput {
  name: string;
  type?: CustomerType;
  tier?: string | null;
  /** Makes the new customer a contact of this enterprise customer. */
  parentId?: string | null;
  phones?: PhoneInput[];
  emails?: EmailInput[];
  externalIds?: ExternalIdInput[];
  idNumber?: string;
  tags?: string[];
  attributes?: Record<string, unknown>;
}

/** The identities of a create request, on their own. */
export type IdentitiesInput = Pick<CreateCustomerInput, 'phones' | 'emails' | 'externalIds' | 'idNumber'>;

export interface UpdateCustomerInput {
  name?: string;
  type?: CustomerType;
  tier?: string | null;
  parentId?: string | null;
  /** Replaces every tag. */
  tags?: string[];
  /** Changes the attributes named; null removes one. */
  attributes?: Record<string, unknown>;
  /** Sets or replaces the ID number; null removes it. */
  idNumber?: string | null;
}

function requireEditor(actor: Actor): void {
  if (!mayEditCustomers(actor.role)) throw forbidden('action_forbidden', `A user with the role ${actor.role} may not change customers.`);
}

function refuseIf(issues: FieldIssue[]): void {
  if (issues.length > 0) {
    throw unprocessable('invalid_customer', `The customer is not valid: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}.`, issues);
  }
}

/** Creates a customer with its identities, tags and attributes; values another customer holds are refused. */
export async function createCustomer(ctx: UseCaseContext, actor: Actor, input: CreateCustomerInput): Promise<CustomerRecord> {
  requireEditor(actor);
  return ctx.uow.write(async (repos) => loadRecord(repos, actor, await recordNewCustomer(ctx, repos, actor, input)));
}

/**
 * The work of `createCustomer` inside the caller's transaction (an import records a chunk of
 * customers in one); `via` says in the audit trail where the customer came from.
 */
export async function recordNewCustomer(
  ctx: UseCaseContext,
  repos: Repositories,
  actor: Actor,
  input: CreateCustomerInput,
  via: 'api' | 'import' = 'api',
): Promise<Customer> {
  requireEditor(actor);
  const at = ctx.clock.now().toISOString();
  const issues: FieldIssue[] = [];
  const type = input.type ?? 'individual';
  const parent = input.parentId ? await checkParent(repos, input.parentId, type, null, issues) : null;
  const definitions = await repos.customerAttributes.list();
  const attributes = applyAttributeChanges(definitions, {}, input.attributes ?? {}, { requireAll: true });
  issues.push(...attributes.issues);
  const drafts = identityDrafts(input, ctx.defaultAreaCode, issues);
  issues.push(...duplicateIssues(drafts));
  refuseIf(issues);
  const customer: Customer = {
    id: newId(),
    name: input.name,
    type,
    // A contact without a tier of its own serves at its enterprise's tier.
    tier: input.tier ?? parent?.tier ?? null,
    parentId: parent?.id ?? null,
    mergedIntoId: null,
    deletedAt: null,
    attributes: attributes.attributes,
    createdAt: at,
    updatedAt: at,
  };
  await repos.customers.insert(customer);
  await storeIdentities(repos, customer.id, drafts, at);
  const tags = normaliseTags(input.tags ?? []);
  await repos.customers.setTags(customer.id, tags);
  await repos.audit.record([
    auditEntry(actor, 'customer.created', 'customer', customer.id, { via, identities: drafts.map((d) => d.kind), tags }, at),
  ]);
  return customer;
}

function identityDrafts(input: IdentitiesInput, areaCode: string | undefined, issues: FieldIssue[]): IdentityDraft[] {
  const inputs: Array<[IdentityInput, string]> = [
    ...(input.phones ?? []).map((p, i): [IdentityInput, string] => [{ kind: 'phone', ...p }, `phones.${i}`]),
    ...(input.emails ?? []).map((e, i): [IdentityInput, string] => [{ kind: 'email', ...e }, `emails.${i}`]),
    ...(input.externalIds ?? []).map((x, i): [IdentityInput, string] => [{ kind: 'external', scheme: x.kind, value: x.value }, `externalIds.${i}`]),
    ...(input.idNumber !== undefined ? [[{ kind: 'id_card', value: input.idNumber }, 'idNumber'] as [IdentityInput, string]] : []),
  ];
  return inputs.map(([identity, field]) => draftIdentity(identity, field, areaCode, issues)).filter((d): d is IdentityDraft => d !== null);
}

/** The parent of a contact: a live enterprise customer, and the contact itself an individual. */
async function checkParent(repos: Repositories, parentId: string, type: CustomerType, selfId: string | null, issues: FieldIssue[]): Promise<Customer | null> {
  const parent = await repos.customers.findById(parentId);
  if (!parent || parent.deletedAt !== null || parent.mergedIntoId !== null) {
    issues.push(fieldIssue('parentId', 'unknown_reference', 'no such customer'));
    return null;
  }
  if (parent.id === selfId) issues.push(fieldIssue('parentId', 'conflicts', 'a customer cannot be its own contact'));
  else if (parent.type !== 'enterprise') issues.push(fieldIssue('parentId', 'not_allowed', 'must be an enterprise customer (政企)'));
  if (type !== 'individual') issues.push(fieldIssue('type', 'not_allowed', 'a contact of an enterprise is an individual customer'));
  return parent;
}

/** Changes a customer's own fields, tags, attributes or ID number; the audit trail names what changed. */
export async function updateCustomer(ctx: UseCaseContext, actor: Actor, id: string, input: UpdateCustomerInput): Promise<CustomerRecord> {
  requireEditor(actor);
  return ctx.uow.write(async (repos) => loadRecord(repos, actor, await changeCustomer(ctx, repos, actor, id, input)));
}

/** The work of `updateCustomer` inside the caller's transaction; answers the customer as changed. */
export async function changeCustomer(ctx: UseCaseContext, repos: Repositories, actor: Actor, id: string, input: UpdateCustomerInput): Promise<Customer> {
  requireEditor(actor);
  const at = ctx.clock.now().toISOString();
  const current = await findLiveCustomer(repos, id);
  const next: Customer = { ...current };
  const issues: FieldIssue[] = [];
  const changed: string[] = [];
  if (input.name !== undefined) next.name = input.name;
  if (input.type !== undefined) next.type = input.type;
  if (input.tier !== undefined) next.tier = input.tier;
  if (input.parentId !== undefined) next.parentId = input.parentId;
  if (next.parentId !== null && (input.parentId !== undefined || input.type !== undefined)) {
    await checkParent(repos, next.parentId, next.type, current.id, issues);
  }
  if (current.type === 'enterprise' && next.type !== 'enterprise' && (await repos.customers.countContacts(current.id)) > 0) {
    throw conflict('customer_has_contacts', `Customer ${current.name} has contacts; move or remove them before making it an individual.`);
  }
  if (input.attributes !== undefined) {
    const definitions = await repos.customerAttributes.list();
    const result = applyAttributeChanges(definitions, current.attributes, input.attributes, { requireAll: true });
    issues.push(...result.issues);
    next.attributes = result.attributes;
  }
  const idDraft =
    typeof input.idNumber === 'string' ? draftIdentity({ kind: 'id_card', value: input.idNumber }, 'idNumber', ctx.defaultAreaCode, issues) : null;
  refuseIf(issues);
  for (const key of ['name', 'type', 'tier', 'parentId'] as const) if (next[key] !== current[key]) changed.push(key);
  if (JSON.stringify(next.attributes) !== JSON.stringify(current.attributes)) changed.push('attributes');
  const audit = [];
  if (input.idNumber !== undefined) {
    const existing = (await repos.customers.identitiesOf(current.id)).filter((i) => i.kind === 'id_card');
    const owner = idDraft ? await repos.customers.findOwner('id_card', null, idDraft.value) : null;
    if (!(owner && owner.customerId === current.id)) {
      for (const old of existing) {
        await repos.customers.removeIdentity(old.id);
        audit.push(auditEntry(actor, 'customer.identity_removed', 'customer', current.id, { identityId: old.id, kind: old.kind, hint: old.hint }, at));
      }
      if (idDraft) {
        const [identityId] = await storeIdentities(repos, current.id, [idDraft], at);
        audit.push(auditEntry(actor, 'customer.identity_added', 'customer', current.id, { identityId, kind: 'id_card', hint: maskIdentity('id_card', idDraft.value) }, at));
      }
    }
  }
  if (input.tags !== undefined) {
    const tags = normaliseTags(input.tags);
    const before = new Set((await repos.customers.tagsOf([current.id])).get(current.id) ?? []);
    if (tags.length !== before.size || tags.some((tag) => !before.has(tag))) {
      await repos.customers.setTags(current.id, tags);
      changed.push('tags');
    }
  }
  if (changed.length > 0 || audit.length > 0) {
    next.updatedAt = at;
    await repos.customers.update(next);
  }
  // The search index holds each ticket's customer name.
  if (changed.includes('name')) await reindexTickets(repos, await repos.customers.ticketIdsOf(current.id));
  if (changed.length > 0) audit.unshift(auditEntry(actor, 'customer.updated', 'customer', current.id, { fields: changed }, at));
  await repos.audit.record(audit);
  return next;
}

/**
 * Adds the phone numbers, emails and external ids given that the customer does not hold yet (an
 * import bringing a known customer up to date); the ones it holds are left as they are, and one
 * another customer holds is refused as `addIdentity` refuses it. Answers how many were added.
 */
export async function addMissingIdentities(
  ctx: UseCaseContext,
  repos: Repositories,
  actor: Actor,
  customerId: string,
  input: Omit<IdentitiesInput, 'idNumber'>,
): Promise<number> {
  requireEditor(actor);
  const at = ctx.clock.now().toISOString();
  const issues: FieldIssue[] = [];
  const drafts = identityDrafts(input, ctx.defaultAreaCode, issues);
  issues.push(...duplicateIssues(drafts));
  refuseIf(issues);
  const missing: IdentityDraft[] = [];
  for (const draft of drafts) {
    const owner = await repos.customers.findOwner(draft.kind, draft.scheme, draft.value);
    // The customer's own primaries stay primary.
    if (owner?.customerId !== customerId) missing.push({ ...draft, primary: false });
  }
  if (missing.length === 0) return 0;
  const customer = await findLiveCustomer(repos, customerId);
  const ids = await storeIdentities(repos, customer.id, missing, at);
  await repos.customers.update({ ...customer, updatedAt: at });
  await repos.audit.record(
    missing.map((draft, i) =>
      auditEntry(actor, 'customer.identity_added', 'customer', customer.id, { identityId: ids[i], kind: draft.kind, scheme: draft.scheme, hint: maskIdentity(draft.kind, draft.value) }, at),
    ),
  );
  return missing.length;
}

/**
 * Deletes a customer: its identities, tags and attributes are erased (their numbers become free),
 * the row stays because tickets point at it, and the audit trail records who did it.
 */
export async function deleteCustomer(ctx: UseCaseContext, actor: Actor, id: string): Promise<void> {
  if (!mayDeleteCustomers(actor.role)) throw forbidden('action_forbidden', `A user with the role ${actor.role} may not delete customers.`);
  await ctx.uow.write(async (repos) => {
    const at = ctx.clock.now().toISOString();
    const customer = await findCustomer(repos, id, true);
    if ((await repos.customers.countContacts(customer.id)) > 0) {
      throw conflict('customer_has_contacts', `Customer ${customer.name} has contacts; move or delete them first.`);
    }
    await repos.customers.removeIdentitiesOf(customer.id);
    await repos.customers.settlePrimary(customer.id, 'phone', null);
    await repos.customers.setTags(customer.id, []);
    await repos.customers.update({ ...customer, attributes: {}, deletedAt: at, updatedAt: at });
    await repos.audit.record([auditEntry(actor, 'customer.deleted', 'customer', customer.id, {}, at)]);
  });
}

export type NewIdentityInput =
  | ({ kind: 'phone' } & PhoneInput)
  | ({ kind: 'email' } & EmailInput)
  | { kind: 'external'; scheme: string; value: string };

/** Adds a phone number, email or external id; `primary` makes it the one tickets show. */
export async function addIdentity(ctx: UseCaseContext, actor: Actor, customerId: string, input: NewIdentityInput): Promise<CustomerRecord> {
  requireEditor(actor);
  return ctx.uow.write(async (repos) => {
    const at = ctx.clock.now().toISOString();
    const customer = await findLiveCustomer(repos, customerId);
    const issues: FieldIssue[] = [];
    const draft = draftIdentity(input, '', ctx.defaultAreaCode, issues);
    refuseIf(issues);
    const [identityId] = await storeIdentities(repos, customer.id, [draft!], at);
    await repos.customers.update({ ...customer, updatedAt: at });
    await repos.audit.record([
      auditEntry(actor, 'customer.identity_added', 'customer', customer.id, { identityId, kind: draft!.kind, scheme: draft!.scheme, hint: maskIdentity(draft!.kind, draft!.value) }, at),
    ]);
    return loadRecord(repos, actor, { ...customer, updatedAt: at });
  });
}

/** Changes a phone number's or email's label, or makes it the primary one. */
export async function updateIdentity(
  ctx: UseCaseContext,
  actor: Actor,
  customerId: string,
  identityId: string,
  input: { label?: string | null; primary?: true },
): Promise<CustomerRecord> {
  requireEditor(actor);
  return ctx.uow.write(async (repos) => {
    const at = ctx.clock.now().toISOString();
    const customer = await findLiveCustomer(repos, customerId);
    const identity = await repos.customers.findIdentity(customer.id, identityId);
    if (!identity) throw notFound('Identity', identityId);
    if (identity.kind !== 'phone' && identity.kind !== 'email') {
      throw unprocessable('invalid_identity', `Only phone numbers and emails have a label and a primary one; this is an ${identity.kind}.`, [
        fieldIssue(input.primary ? 'primary' : 'label', 'not_applicable', `does not apply to an ${identity.kind}`),
      ]);
    }
    const changes: string[] = [];
    if (input.label !== undefined && input.label !== identity.label) {
      await repos.customers.updateIdentityLabel(identity.id, input.label);
      changes.push('label');
    }
    if (input.primary && !identity.primary) {
      await repos.customers.settlePrimary(customer.id, identity.kind, identity.id);
      changes.push('primary');
    }
    if (changes.length > 0) {
      await repos.customers.update({ ...customer, updatedAt: at });
      await repos.audit.record([
        auditEntry(actor, 'customer.identity_updated', 'customer', customer.id, { identityId, kind: identity.kind, hint: identity.hint, fields: changes }, at),
      ]);
    }
    return loadRecord(repos, actor, changes.length > 0 ? { ...customer, updatedAt: at } : customer);
  });
}

/** Removes one identity; when it was the primary, the oldest remaining one of its kind takes over. */
export async function removeIdentity(ctx: UseCaseContext, actor: Actor, customerId: string, identityId: string): Promise<CustomerRecord> {
  requireEditor(actor);
  return ctx.uow.write(async (repos) => {
    const at = ctx.clock.now().toISOString();
    const customer = await findLiveCustomer(repos, customerId);
    const identity = await repos.customers.findIdentity(customer.id, identityId);
    if (!identity) throw notFound('Identity', identityId);
    await repos.customers.removeIdentity(identity.id);
    await repos.customers.settlePrimary(customer.id, identity.kind, null);
    await repos.customers.update({ ...customer, updatedAt: at });
    await repos.audit.record([
      auditEntry(actor, 'customer.identity_removed', 'customer', customer.id, { identityId, kind: identity.kind, scheme: identity.scheme, hint: identity.hint }, at),
    ]);
    return loadRecord(repos, actor, { ...customer, updatedAt: at });
  });
}
