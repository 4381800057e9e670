import type { FormInstance } from 'antd';
import type { FieldDefinition, FieldIssue } from '../../api/domain';
import type { CustomerLookup } from '../../api/customers';
import type { CreateTicketBody } from '../../api/new-ticket';
import { submittedFields } from './field-rules';
import type { NewTicketValues } from './values';

/**
 * The form's values as POST /tickets takes them: the looked-up customer by id, a new caller by
 * phone and name; only the chosen service item's fields; the result only when answered on the spot.
 */
export function toCreateBody(
  values: NewTicketValues,
  definitions: readonly FieldDefinition[],
  caller: CustomerLookup | null | undefined,
  timeZone: string,
): CreateTicketBody {
  const fields = submittedFields(definitions, values.fields, timeZone);
  const phone = values.phone?.trim();
  const name = values.customerName?.trim();
  const title = values.title?.trim();
  const body: CreateTicketBody = {
    description: values.description ?? '',
    channel: values.channel ?? 'phone',
    category: values.category ?? '',
    serviceItem: values.serviceItem ?? '',
    priority: values.priority ?? '',
    fields,
  };
  if (title) body.title = title;
  if (caller) body.customer = { id: caller.customer.id };
  else if (values.customer) body.customer = { id: values.customer.id };
  else if (phone) body.customer = name ? { phone, name } : { phone };
  else if (name) body.customer = { name };
  if (values.answeredOnSpot) {
    body.answeredOnSpot = true;
    body.result = values.result ?? '';
  }
  return body;
}

type FormFieldData = Parameters<FormInstance<NewTicketValues>['setFields']>[0];

const TOP_LEVEL: Record<string, keyof NewTicketValues> = {
  title: 'title',
  description: 'description',
  category: 'category',
  serviceItem: 'serviceItem',
  priority: 'priority',
  channel: 'channel',
  result: 'result',
  content: 'description',
  'customer.name': 'customerName',
  'customer.phone': 'phone',
};

/** The server's field issues (422) as the form's fields they belong to, worded by `text`; issues about nothing on the form are left to the notification. */
export function issuesOnForm(issues: readonly FieldIssue[], text: (issue: FieldIssue) => string): FormFieldData {
  type Name = ['fields', string] | [keyof NewTicketValues];
  const byField = new Map<string, { name: Name; errors: string[] }>();
  for (const issue of issues) {
    const topLevel: keyof NewTicketValues | undefined = TOP_LEVEL[issue.field];
    const name: Name | undefined = issue.field.startsWith('fields.') ? ['fields', issue.field.slice('fields.'.length)] : topLevel ? [topLevel] : undefined;
    if (!name) continue;
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(text(issue));
    byField.set(key, entry);
  }
  return [...byField.values()];
}
