import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Flex, Select, Table, Typography, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { listAuditLog, type AuditEntry, type AuditFilters } from '../../api/audit';
import { AUDIT_ACTIONS, AUDIT_SUBJECT_TYPES, type AuditAction, type AuditSubjectType } from '../../api/domain';
import { describeAudit } from '../../components/audit-text';
import { FilterBox } from '../../components/FilterBox';
import { useDocumentTitle } from '../../components/use-document-title';
import { useFormatDateTime } from '../../i18n/format';

const among = <K extends string>(known: readonly K[], value: string): value is K => (known as readonly string[]).includes(value);

/** The filters in the address (`/audit?subject=customer&action=customer.identity_revealed&actor=handler`). */
function filtersFrom(params: URLSearchParams): AuditFilters & { subject?: AuditSubjectType } {
  const subject = params.get('subject') ?? '';
  const actions = (params.get('action') ?? '').split(',').filter((a): a is AuditAction => among(AUDIT_ACTIONS, a));
  return {
    subject: among(AUDIT_SUBJECT_TYPES, subject) ? subject : undefined,
    action: actions.length > 0 ? actions : undefined,
    actor: params.get('actor')?.trim() || undefined,
  };
}

/**
 * 审计日志 (administrators and auditors): the whole audit trail, newest first, fifty at a time,
 * filtered by the kind of record, the action and who acted; a customer's own trail is on its
 * profile. Read-only, like the trail itself.
 */
export default function AuditLogPage() {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  useDocumentTitle(t('audit.title'));
  const log = useInfiniteQuery({
    queryKey: ['audit-log', filters],
    queryFn: ({ pageParam, signal }) => listAuditLog(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  const rows = log.data?.pages.flatMap((page) => page.items) ?? [];
  const update = (key: keyof AuditFilters, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };

  const columns: TableProps<AuditEntry>['columns'] = [
    { key: 'at', title: t('audit.columns.at'), width: 150, render: (_, entry) => formatDateTime(entry.at) },
    { key: 'actor', title: t('audit.columns.actor'), width: 130, ellipsis: true, render: (_, entry) => entry.actor?.displayName ?? t('common.system') },
    { key: 'action', title: t('audit.columns.action'), width: 150, render: (_, entry) => (among(AUDIT_ACTIONS, entry.action) ? t(`audit.actions.${entry.action}`) : entry.action) },
    { key: 'subject', title: t('audit.columns.subject'), width: 110, render: (_, entry) => <SubjectLink entry={entry} /> },
    { key: 'details', title: t('audit.columns.details'), render: (_, entry) => describeAudit(entry, t) },
  ];

  return (
    <div data-testid="audit-log-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('audit.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('audit.intro')}</Typography.Paragraph>
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('audit.allSubjects')}
          value={filters.subject}
          onChange={(value?: AuditSubjectType) => update('subject', value)}
          style={{ width: 150 }}
          options={AUDIT_SUBJECT_TYPES.map((type) => ({ value: type, label: t(`audit.subjects.${type}`) }))}
          data-testid="audit-subject"
        />
        <Select
          mode="multiple"
          allowClear
          placeholder={t('audit.allActions')}
          value={filters.action ?? []}
          onChange={(value: AuditAction[]) => update('action', value.join(','))}
          style={{ minWidth: 240 }}
          maxTagCount="responsive"
          options={AUDIT_ACTIONS.map((action) => ({ value: action, label: t(`audit.actions.${action}`) }))}
          data-testid="audit-action"
        />
        <FilterBox placeholder={t('audit.actor')} value={filters.actor} onSearch={(value) => update('actor', value)} width={180} testId="audit-actor" />
      </Flex>
      <Table<AuditEntry>
        rowKey="id"
        size="middle"
        loading={log.isPending}
        columns={columns}
        dataSource={rows}
        pagination={false}
        tableLayout="fixed"
        locale={{ emptyText: t('audit.empty') }}
        data-testid="audit-table"
      />
      {log.hasNextPage && (
        <Flex justify="end" style={{ marginTop: 12 }}>
          <Button loading={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()} data-testid="audit-load-more">
            {t('common.loadMore')}
          </Button>
        </Flex>
      )}
    </div>
  );
}

/** The record an entry is about, linked where the console has a page for it. */
function SubjectLink({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const label = t(`audit.subjects.${entry.subject.type}`);
  if (entry.subject.deleted) return <>{t('audit.deletedSubject', { subject: label })}</>;
  if (entry.subject.type === 'customer') return <Link to={`/customers/${entry.subject.id}`}>{label}</Link>;
  if (entry.subject.type === 'ticket') return <Link to={`/tickets/${entry.subject.id}`}>{label}</Link>;
  return <>{label}</>;
}
