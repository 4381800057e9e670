import type { TFunction } from 'i18next';
import type { FieldDefinition } from '../../api/domain';
// The server's own check (pure, no I/O): the console refuses exactly what the server would.
import { validateFieldValues } from '../../../../src/catalog/domain/service-item-form';
import { localInputToIso } from '../../i18n/zone-clock';

export type FormFieldValue = string | number | null | undefined;

/**
 * What the server is sent for one field: empty is absent; a date-time typed as the
 * organisation's wall clock (`zone`) becomes ISO 8601, whatever zone the browser is in.
 */
export function toSubmitValue(definition: FieldDefinition, value: FormFieldValue, zone: string): string | number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  if (definition.type === 'datetime' && typeof value === 'string') return localInputToIso(value, zone) ?? value;
  return value;
}

/** The service item's form as the server takes it: the defined fields that hold a value. */
export function submittedFields(definitions: readonly FieldDefinition[], values: Record<string, FormFieldValue> | undefined, zone: string): Record<string, string | number> {
  const fields: Record<string, string | number> = {};
  for (const definition of definitions) {
    const value = toSubmitValue(definition, values?.[definition.key], zone);
    if (value !== undefined) fields[definition.key] = value;
  }
  return fields;
}

/** The problem with one value in the user's language, or null when the server would take it. */
export function fieldProblem(definition: FieldDefinition, value: FormFieldValue, label: string, t: TFunction, zone: string): string | null {
  const submitted = toSubmitValue(definition, value, zone);
  const { errors } = validateFieldValues([definition], submitted === undefined ? {} : { [definition.key]: submitted });
  const issue = errors[0];
  if (!issue) return null;
  if (submitted === undefined) return t('newTicket.fieldRequired', { label });
  if (issue.code === 'too_long') return t('newTicket.fieldMaxLength', { label, limit: issue.params?.max });
  if (issue.code === 'too_small') return t('newTicket.fieldMin', { label, limit: issue.params?.min });
  if (issue.code === 'too_large') return t('newTicket.fieldMax', { label, limit: issue.params?.max });
  switch (definition.type) {
    case 'number':
      return t('newTicket.fieldNumber', { label });
    case 'money':
      return t('newTicket.fieldMoney', { label });
    case 'date':
      return t('newTicket.fieldDate', { label });
    case 'datetime':
      return t('newTicket.fieldDateTime', { label });
    case 'select':
      return t('newTicket.fieldSelect', { label });
    case 'phone':
      return t('newTicket.fieldPhone', { label });
    case 'email':
      return t('newTicket.fieldEmail', { label });
    case 'order_number':
      return t('newTicket.fieldOrderNumber', { label });
    default:
      return t('newTicket.fieldInvalid', { label });
  }
}
