import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { customerAuditQuery } from '../../api/queries';
import { describeAudit } from '../../components/audit-text';
import { useFormatDateTime } from '../../i18n/format';

/**
 * 操作记录 (administrators and auditors): the customer's audit trail, newest first: who created,
 * changed, unmasked, merged or erased what, personal values only by their mask.
 */
export function CustomerAuditTrail({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const trail = useInfiniteQuery(customerAuditQuery(customerId));
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
                <Typography.Text strong>{entry.actor?.displayName ?? t('common.system')}</Typography.Text>
                <span>{describeAudit(entry, t)}</span>
              </Flex>
            </li>
          ))}
        </ul>
      )}
      {trail.hasNextPage && (
        <Button size="small" type="link" loading={trail.isFetchingNextPage} onClick={() => void trail.fetchNextPage()} data-testid="audit-more">
          {t('common.loadMore')}
        </Button>
      )}
    </Card>
  );
}
