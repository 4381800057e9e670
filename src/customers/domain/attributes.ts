import { fieldIssue, type FieldIssue } from '../../platform/errors.js';
import type { AttributeValue } from './customer.js';

/** Custom customer attributes (自定义属性) that administrators define: what each customer may carry besides the built-in fields. */
export const ATTRIBUTE_TYPES = ['text', 'number', 'date', 'select', 'boolean'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

export const MAX_TEXT_ATTRIBUTE = 2000;
export const MAX_SELECT_OPTIONS = 100;

export interface AttributeDefinition {
  id: string;
  /** Stable code the API uses as the attribute's name, e.g. `industry`. */
  key: string;
  label: string;
  labelEn: string | null;
  type: AttributeType;
  /** The allowed values of a `select`; empty for the other types. */
  options: string[];
  required: boolean;
  position: number;
  /** Deleting deactivates: stored values stay, new ones may not be written. */
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

/** What is wrong with a definition's type and options taken together. */
export function definitionIssues(type: AttributeType, options: readonly string[]): FieldIssue[] {
  if (type !== 'select') {
    return options.length > 0 ? [fieldIssue('options', 'not_applicable', `only a select attribute has options, not a ${type}`)] : [];
  }
  if (options.length === 0) return [fieldIssue('options', 'options_required', 'a select attribute needs at least one option')];
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  options.forEach((option, i) => {
    if (seen.has(option)) issues.push(fieldIssue(`options.${i}`, 'duplicate', `repeats ${JSON.stringify(option)}`));
    seen.add(option);
  });
  return issues;
}

/**
 * Applies attribute changes to a customer's current values: each key must name an active
 * definition and its value fit the type; null removes a value. With `requireAll` (creating a
 * customer, or editing its attributes) every required attribute must have a value afterwards.
 */
export function applyAttributeChanges(
  definitions: readonly AttributeDefinition[],
  current: Readonly<Record<string, AttributeValue>>,
  changes: Readonly<Record<string, unknown>>,
  options: { requireAll: boolean; field?: string },
): { attributes: Record<string, AttributeValue>; issues: FieldIssue[] } {
  const prefix = options.field ?? 'attributes';
  const byKey = new Map(definitions.filter((d) => d.active).map((d) => [d.key, d]));
  const attributes: Record<string, AttributeValue> = { ...current };
  const issues: FieldIssue[] = [];
  for (const [key, value] of Object.entries(changes)) {
    const definition = byKey.get(key);
    const field = `${prefix}.${key}`;
    if (!definition) {
      issues.push(fieldIssue(field, 'unknown_field', 'is not a defined customer attribute'));
      continue;
    }
    if (value === null) {
      delete attributes[key];
      continue;
    }
    const problem = valueProblem(definition, value);
    if (problem) issues.push({ field, ...problem });
    else attributes[key] = normaliseValue(definition, value as AttributeValue);
  }
  if (options.requireAll) {
    for (const definition of byKey.values()) {
      if (definition.required && attributes[definition.key] === undefined && !issues.some((i) => i.field === `${prefix}.${definition.key}`)) {
        issues.push(fieldIssue(`${prefix}.${definition.key}`, 'required', 'is required'));
      }
    }
  }
  return { attributes, issues };
}

function valueProblem(definition: AttributeDefinition, value: unknown): Omit<FieldIssue, 'field'> | null {
  switch (definition.type) {
    case 'text':
      if (typeof value !== 'string') return { code: 'invalid_type', message: 'must be text', params: { expected: 'string' } };
      if (value.trim().length === 0) return { code: 'required', message: `must be text of 1 to ${MAX_TEXT_ATTRIBUTE} characters` };
      return value.length <= MAX_TEXT_ATTRIBUTE
        ? null
        : { code: 'too_long', message: `must be text of 1 to ${MAX_TEXT_ATTRIBUTE} characters`, params: { max: MAX_TEXT_ATTRIBUTE } };
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : { code: 'invalid_format', message: 'must be a number', params: { format: 'number' } };
    case 'boolean':
      return typeof value === 'boolean' ? null : { code: 'invalid_type', message: 'must be true or false', params: { expected: 'boolean' } };
    case 'date':
      return typeof value === 'string' && isCalendarDate(value) ? null : { code: 'invalid_format', message: 'must be a date written YYYY-MM-DD', params: { format: 'date' } };
    case 'select':
      return typeof value === 'string' && definition.options.includes(value)
        ? null
        : { code: 'not_allowed', message: `must be one of ${definition.options.map((o) => JSON.stringify(o)).join(', ')}` };
  }
}

function normaliseValue(definition: AttributeDefinition, value: AttributeValue): AttributeValue {
  return definition.type === 'text' && typeof value === 'string' ? value.trim() : value;
}

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
