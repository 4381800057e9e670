import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { AuditEntry } from '../api/audit';

/**
 * An audit-trail entry in a sentence (审计日志), for a customer's trail and the whole log alike;
 * personal values appear only by the masks the server stored.
 */

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

// What the server writes (customers/use-cases): the fields a change names, the kinds of identity, where a customer came from.
const FIELDS = ['name', 'type', 'tier', 'parentId', 'attributes', 'tags'] as const;
const KINDS = ['phone', 'email', 'external', 'id_card'] as const;
const VIA = ['api', 'ticket', 'import'] as const;
const among = <K extends string>(known: readonly K[], value: string): value is K => (known as readonly string[]).includes(value);

/** The entry in a sentence; an action this console does not know yet shows its code. */
export function describeAudit(entry: AuditEntry, t: TFunction): ReactNode {
  const { data } = entry;
  const fields = (names: string[]) => names.map((name) => (among(FIELDS, name) ? t(`customers.audit.fields.${name}`) : name)).join(t('customers.audit.separator'));
  const identity = () => {
    const kind = text(data.kind);
    return [among(KINDS, kind) ? t(`customers.audit.kinds.${kind}`) : kind, text(data.scheme), text(data.hint)].filter(Boolean).join(' ');
  };
  const via = text(data.via) || 'api';
  const moved = { tickets: Number(data.tickets ?? 0), identities: Number(data.identities ?? 0), contacts: Number(data.contacts ?? 0) };
  switch (entry.action) {
    case 'customer.created':
      return t('customers.audit.created', { via: among(VIA, via) ? t(`customers.audit.via.${via}`) : via });
    case 'customer.updated':
      return t('customers.audit.updated', { fields: fields(list(data.fields)) });
    case 'customer.deleted':
      return t('customers.audit.deleted');
    case 'customer.identity_added':
      return t('customers.audit.identityAdded', { identity: identity() });
    case 'customer.identity_updated':
      // One entry may hold both (updateIdentity): say each.
      return list(data.fields)
        .map((field) => t(field === 'primary' ? 'customers.audit.identityMadePrimary' : 'customers.audit.identityUpdated', { identity: identity() }))
        .join(t('customers.audit.separator'));
    case 'customer.identity_removed':
      return t('customers.audit.identityRemoved', { identity: identity() });
    case 'customer.identity_revealed':
      return t('customers.audit.identityRevealed', { identity: identity() });
    case 'customer.merged':
      return (
        <>
          {t('customers.audit.merged', moved)} <Link to={`/customers/${text(data.into)}`}>{t('customers.audit.open')}</Link>
        </>
      );
    case 'customer.merge_received':
      return (
        <>
          {t('customers.audit.mergeReceived', moved)} <Link to={`/customers/${text(data.from)}`}>{t('customers.audit.open')}</Link>
        </>
      );
    case 'customer_attribute.created':
      return t('audit.texts.attributeCreated', { key: text(data.key) });
    case 'customer_attribute.updated':
      return t('audit.texts.attributeUpdated', { key: text(data.key) });
    case 'customer_attribute.deleted':
      return t('audit.texts.attributeDeleted', { key: text(data.key) });
    case 'ticket.customer_changed':
      return (
        <>
          {t('audit.texts.ticketCustomerChanged')} <Link to={`/customers/${text(data.to)}`}>{t('customers.audit.open')}</Link>
        </>
      );
    case 'tickets.exported':
      return t('audit.texts.ticketsExported');
    case 'customers.exported':
      return t('audit.texts.customersExported');
    default:
      return entry.action;
  }
}
