import type { auditZh } from './audit';

/** The audit log page in English; typed as the Chinese, so a key missing here is a type error. */
export const auditEn: typeof auditZh = {
  title: 'Audit log',
  intro: 'Who read or changed which customer data, and who exported it in full. Read-only; personal values appear masked.',
  allSubjects: 'All records',
  allActions: 'All actions',
  actor: 'Username',
  empty: 'Nothing recorded matches',
  columns: { at: 'Time', actor: 'By', action: 'Action', subject: 'Record', details: 'What' },
  deletedSubject: '{{subject}} (deleted)',
  subjects: { customer: 'Customer', customer_attribute: 'Custom attribute', ticket: 'Ticket', export: 'Export' },
  actions: {
    'customer.created': 'Customer created',
    'customer.updated': 'Customer changed',
    'customer.deleted': 'Customer deleted',
    'customer.merged': 'Customer merged',
    'customer.merge_received': 'Customer merged in',
    'customer.identity_added': 'Contact detail added',
    'customer.identity_updated': 'Contact detail changed',
    'customer.identity_removed': 'Contact detail removed',
    'customer.identity_revealed': 'Shown in full',
    'customer_attribute.created': 'Attribute created',
    'customer_attribute.updated': 'Attribute changed',
    'customer_attribute.deleted': 'Attribute deactivated',
    'ticket.customer_changed': 'Ticket moved to another customer',
    'tickets.exported': 'Tickets exported in full',
    'customers.exported': 'Customers exported in full',
  },
  texts: {
    attributeCreated: 'created the custom attribute {{key}}',
    attributeUpdated: 'changed the custom attribute {{key}}',
    attributeDeleted: 'deactivated the custom attribute {{key}}',
    ticketCustomerChanged: 'a customer merge moved the ticket to the customer that stayed',
    ticketsExported: 'exported tickets with phone numbers in full',
    customersExported: 'exported customers with contact details in full',
  },
};
