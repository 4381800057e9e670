import type { AuditEntryView } from '../persistence/audit-log-repository.js';
import type { CustomerSummary } from '../persistence/customers-repository.js';
import type { CustomerRecord, CustomerTickets } from '../use-cases/customer-records.js';

/** A customer's record as the API shows it: identities grouped by kind, each full or masked for the reader. */
export function presentCustomer({ customer, tags, parent, identities }: CustomerRecord) {
  const of = (kind: string) => identities.filter((i) => i.kind === kind);
  const idCard = of('id_card')[0];
  return {
    id: customer.id,
    name: customer.name,
    type: customer.type,
    tier: customer.tier,
    tags,
    attributes: customer.attributes,
    parent,
    mergedIntoId: customer.mergedIntoId,
    phones: of('phone').map((i) => ({ id: i.id, number: i.value, label: i.label, primary: i.primary, masked: i.masked })),
    emails: of('email').map((i) => ({ id: i.id, address: i.value, label: i.label, primary: i.primary, masked: i.masked })),
    externalIds: of('external').map((i) => ({ id: i.id, kind: i.scheme ?? '', value: i.value, masked: i.masked })),
    idNumber: idCard ? { id: idCard.id, value: idCard.value, masked: idCard.masked } : null,
    createdAt: customer.createdAt,
    updatedAt: customer.updatedAt,
  };
}

export function presentSummary(s: CustomerSummary) {
  return {
    id: s.id,
    name: s.name,
    type: s.type,
    tier: s.tier,
    tags: s.tags,
    parentId: s.parentId,
    phone: s.phoneHint,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

export function presentTickets(tickets: CustomerTickets) {
  return { openTickets: tickets.open, recentTickets: tickets.recent };
}

export function presentAuditEntry(e: AuditEntryView) {
  return { id: e.id, action: e.action, actor: e.actor, subject: { type: e.subjectType, id: e.subjectId, deleted: e.subjectDeleted }, data: e.data, at: e.at };
}
