import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Skeleton, Typography } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { listCustomerAudit, type AuditEntry } from '../../api/customers';
import { CUSTOMERS_KEY } from '../../api/queries';
import { useFormatDateTime } from '../../i18n/format';

/**
 * 操作记录 (administrators and auditors): the customer's audit trail, newest first: who created,
 * changed, unmasked, merged or erased what, personal values only by their mask.
 */
export function CustomerAuditTrail({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const trail = useInfiniteQuery({
    queryKey: [...CUSTOMERS_KEY, 'audit', customerId],
    queryFn: ({ pageParam, signal }) => listCustomerAudit(customerId, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  const entries = trail.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Card size="small" title={t('customers.audit.title')} data-testid="customer-audit">
      {trail.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.audit.empty')} />
      ) : (
        <ul className="gd-rows">
          {entries.map((entry) => (
            <li key={entry.id} data-testid="audit-entry">
              <Flex gap={8} wrap align="baseline">
                <Typography.Text type="secondary">{formatDateTime(entry.at)}</Typography.Text>
                <Typography.Text strong>{entry.actor?.displayName ?? t('customers.audit.system')}</Typography.Text>
                <span>{describe(entry, t)}</span>
              </Flex>
            </li>
          ))}
        </ul>
      )}
      {trail.hasNextPage && (
        <Button size="small" type="link" loading={trail.isFetchingNextPage} onClick={() => void trail.fetchNextPage()} data-testid="audit-more">
          {t('customers.loadMore')}
        </Button>
      )}
    </Card>
  );
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

// What the server writes (customers/use-cases): the fields a change names, the kinds of identity, where a customer came from.
const FIELDS = ['name', 'type', 'tier', 'parentId', 'attributes', 'tags'] as const;
const KINDS = ['phone', 'email', 'external', 'id_card'] as const;
const VIA = ['api', 'ticket', 'import'] as const;
const among = <K extends string>(known: readonly K[], value: string): value is K => (known as readonly string[]).includes(value);

/** The entry in a sentence; an action this console does not know yet shows its code. */
function describe(entry: AuditEntry, t: TFunction): ReactNode {
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
    default:
      return entry.action;
  }
}
