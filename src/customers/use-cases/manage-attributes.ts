import type { UseCaseContext } from '../../app/context.js';
import type { Repositories } from '../../app/repositories.js';
import type { Actor } from '../../auth/domain/actor.js';
import { isUniqueViolation } from '../../platform/db/unit-of-work.js';
import { conflict, fieldIssue, forbidden, notFound, unprocessable } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { definitionIssues, type AttributeDefinition, type AttributeType } from '../domain/attributes.js';
import { auditEntry } from './customer-records.js';

export interface AttributeDefinitionInput {
  key: string;
  label: string;
  labelEn?: string | null;
  type: AttributeType;
  options?: string[];
  required?: boolean;
  position?: number;
}

/** Everything but the key and the type may change: stored values were checked against those. */
export type AttributeDefinitionChanges = Partial<Omit<AttributeDefinitionInput, 'key' | 'type'>> & { active?: boolean };

function requireAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw forbidden('admin_only', 'Only administrators may define customer attributes.');
}

export async function listAttributeDefinitions(ctx: UseCaseContext, includeInactive: boolean): Promise<AttributeDefinition[]> {
  return ctx.uow.read((repos) => repos.customerAttributes.list(includeInactive));
}

export async function getAttributeDefinition(ctx: UseCaseContext, ref: string): Promise<AttributeDefinition> {
  return ctx.uow.read((repos) => findDefinition(repos, ref));
}

async function findDefinition(repos: Repositories, ref: string): Promise<AttributeDefinition> {
  const found = await repos.customerAttributes.findByRef(ref);
  if (!found) throw notFound('Customer attribute', ref);
  return found;
}

function refuseDefinition(type: AttributeType, options: readonly string[]): void {
  const issues = definitionIssues(type, options);
  if (issues.length > 0) throw unprocessable('invalid_attribute', `The attribute is not valid: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}.`, issues);
}

export async function createAttributeDefinition(ctx: UseCaseContext, actor: Actor, input: AttributeDefinitionInput): Promise<AttributeDefinition> {
  requireAdmin(actor);
  const options = input.options ?? [];
  refuseDefinition(input.type, options);
  try {
    return await ctx.uow.write(async (repos) => {
      if (await repos.customerAttributes.findByRef(input.key)) throw keyTaken(input.key);
      const at = ctx.clock.now().toISOString();
      const definition: AttributeDefinition = {
        id: newId(),
        key: input.key,
        label: input.label,
        labelEn: input.labelEn ?? null,
        type: input.type,
        options,
        required: input.required ?? false,
        position: input.position ?? 0,
        active: true,
        createdAt: at,
        updatedAt: at,
      };
      await repos.customerAttributes.insert(definition);
      await repos.audit.record([auditEntry(actor, 'customer_attribute.created', 'customer_attribute', definition.id, { key: definition.key, type: definition.type }, at)]);
      return definition;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw keyTaken(input.key);
    throw error;
  }
}

function keyTaken(key: string) {
  return conflict('attribute_key_taken', `key: a customer attribute ${JSON.stringify(key)} exists already (deleted ones keep their key).`, {
    errors: [fieldIssue('key', 'taken', 'is taken')],
  });
}

export async function updateAttributeDefinition(ctx: UseCaseContext, actor: Actor, ref: string, changes: AttributeDefinitionChanges): Promise<AttributeDefinition> {
  requireAdmin(actor);
  return ctx.uow.write(async (repos) => {
    const current = await findDefinition(repos, ref);
    const at = ctx.clock.now().toISOString();
    const next: AttributeDefinition = {
      ...current,
      ...(changes.label !== undefined && { label: changes.label }),
      ...(changes.labelEn !== undefined && { labelEn: changes.labelEn }),
      ...(changes.options !== undefined && { options: changes.options }),
      ...(changes.required !== undefined && { required: changes.required }),
      ...(changes.position !== undefined && { position: changes.position }),
      ...(changes.active !== undefined && { active: changes.active }),
      updatedAt: at,
    };
    refuseDefinition(next.type, next.options);
    await repos.customerAttributes.update(next);
    await repos.audit.record([
      auditEntry(actor, 'customer_attribute.updated', 'customer_attribute', current.id, { key: current.key, fields: Object.keys(changes) }, at),
    ]);
    return next;
  });
}

/** Deleting deactivates: customers keep their stored values, new ones may not be written. */
export async function deleteAttributeDefinition(ctx: UseCaseContext, actor: Actor, ref: string): Promise<void> {
  requireAdmin(actor);
  await ctx.uow.write(async (repos) => {
    const current = await findDefinition(repos, ref);
    if (!current.active) return;
    const at = ctx.clock.now().toISOString();
    await repos.customerAttributes.update({ ...current, active: false, updatedAt: at });
    await repos.audit.record([auditEntry(actor, 'customer_attribute.deleted', 'customer_attribute', current.id, { key: current.key }, at)]);
  });
}
