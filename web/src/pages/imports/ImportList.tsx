import { DeleteOutlined, DownloadOutlined, StopOutlined, WarningOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Popconfirm, Progress, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cancelImport, deleteImport, downloadFailedRows, isFinished, type ImportJob, type ImportStatus } from '../../api/imports';
import { CUSTOMERS_KEY, IMPORTS_KEY, importListQuery } from '../../api/queries';
import { useFileLanguage } from '../../i18n';
import { useFormatDateTime } from '../../i18n/format';
import { ImportErrorsDialog } from './ImportErrorsDialog';

/** How often the list is read again while an import is queued or running. */
export const POLL_MS = 1500;

const STATUS_COLORS: Record<ImportStatus, string> = { queued: 'default', running: 'processing', done: 'success', failed: 'error', cancelled: 'warning' };

const hasWork = (jobs: readonly ImportJob[]) => jobs.some((job) => !isFinished(job.status));

/**
 * The user's imports (an administrator's: everyone's), newest first: what, which file, who, when,
 * the status with its progress, and the counts. Read again every 1.5 s while one is queued or
 * running, and no more once none is. A job with failed rows offers its first error lines and the
 * failed rows as a CSV file; a queued or running one can be cancelled, a finished one deleted.
 */
export function ImportList({ highlight }: { highlight: string | null }) {
  const { t } = useTranslation();
  const fileLanguage = useFileLanguage();
  const formatDateTime = useFormatDateTime();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [showing, setShowing] = useState<ImportJob | null>(null);
  const list = useInfiniteQuery({
    ...importListQuery,
    refetchInterval: (query) => (hasWork(query.state.data?.pages.flatMap((page) => page.items) ?? []) ? POLL_MS : false),
  });
  const jobs = list.data?.pages.flatMap((page) => page.items) ?? [];

  // A job that has just finished wrote customers or tickets (a ticket import creates callers too; a
  // dry run writes nothing): whatever shows them is read again.
  const statuses = useRef(new Map<string, ImportStatus>());
  useEffect(() => {
    let wrote = false;
    for (const job of list.data?.pages.flatMap((page) => page.items) ?? []) {
      const before = statuses.current.get(job.id);
      if (before && !isFinished(before) && isFinished(job.status) && !job.dryRun && job.counts.created + job.counts.updated > 0) wrote = true;
      statuses.current.set(job.id, job.status);
    }
    if (wrote) for (const queryKey of [CUSTOMERS_KEY, ['tickets'], ['board']]) void queryClient.invalidateQueries({ queryKey });
  }, [list.data, queryClient]);

  const refresh = () => queryClient.invalidateQueries({ queryKey: IMPORTS_KEY });
  const cancel = useMutation({
    mutationFn: (job: ImportJob) => cancelImport(job.id),
    onSuccess: () => void message.success(t('imports.actions.cancelled')),
    // Refused too (it had finished meanwhile): the list was out of date.
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (job: ImportJob) => deleteImport(job.id),
    onSuccess: () => void message.success(t('imports.actions.deleted')),
    onSettled: refresh,
  });
  const failedRows = useMutation({
    mutationFn: (job: ImportJob) => downloadFailedRows(job, fileLanguage),
    onSuccess: (name) => void message.success(t('imports.actions.downloaded', { name })),
  });

  const columns: TableProps<ImportJob>['columns'] = [
    {
      key: 'kind',
      title: t('imports.list.columns.kind'),
      width: 96,
      render: (_, job) => (
        <Flex vertical align="start" gap={2}>
          <span>{t(`imports.kinds.${job.kind}`)}</span>
          {job.dryRun && (
            <Tooltip title={t('imports.list.dryRunCounts')}>
              <Tag color="purple" style={{ marginInlineEnd: 0 }} data-testid="import-dry-run-tag">
                {t('imports.list.dryRun')}
              </Tag>
            </Tooltip>
          )}
        </Flex>
      ),
    },
    {
      key: 'file',
      title: t('imports.list.columns.file'),
      render: (_, job) => (
        <Flex vertical style={{ minWidth: 0 }}>
          <Typography.Text ellipsis={{ tooltip: job.fileName }} data-testid="import-file-name">
            {job.fileName}
          </Typography.Text>
          {job.ignoredColumns.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: job.ignoredColumns.join('、') }} data-testid="import-ignored">
              {t('imports.list.ignored', { columns: job.ignoredColumns.join('、') })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { key: 'createdBy', title: t('imports.list.columns.createdBy'), width: 100, ellipsis: true, render: (_, job) => job.createdBy?.displayName ?? t('common.none') },
    { key: 'createdAt', title: t('imports.list.columns.createdAt'), width: 136, render: (_, job) => formatDateTime(job.createdAt) },
    {
      key: 'status',
      title: t('imports.list.columns.status'),
      width: 150,
      render: (_, job) => (
        <Flex vertical gap={2}>
          <span>
            <Tag color={STATUS_COLORS[job.status]} data-testid="import-status">
              {t(`imports.statuses.${job.status}`)}
            </Tag>
          </span>
          {!isFinished(job.status) && <Progress percent={job.progress} size="small" style={{ marginBottom: 0 }} />}
          {job.status === 'failed' && job.error && (
            <Typography.Text type="danger" style={{ fontSize: 12 }} ellipsis={{ tooltip: job.error }}>
              {job.error}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      key: 'result',
      title: t('imports.list.columns.result'),
      width: 232,
      render: (_, job) => (
        <Flex vertical gap={2} data-testid="import-counts">
          <span>{t('imports.list.processed', { processed: job.counts.processed, total: job.counts.total })}</span>
          <Flex wrap gap={8} style={{ fontSize: 12 }}>
            {(['created', 'updated', 'skipped', 'failed'] as const).map((count) => (
              <span key={count} data-testid={`import-count-${count}`} style={count === 'failed' && job.counts.failed > 0 ? { color: '#cf1322', fontWeight: 600 } : undefined}>
                {t(`imports.list.counts.${count}`)} {job.counts[count]}
              </span>
            ))}
          </Flex>
        </Flex>
      ),
    },
    {
      key: 'actions',
      title: t('imports.list.columns.actions'),
      width: 196,
      render: (_, job) => (
        <Flex wrap gap={0}>
          {job.counts.failed > 0 && (
            <>
              <Button type="link" size="small" icon={<WarningOutlined />} onClick={() => setShowing(job)} data-testid="import-show-errors">
                {t('imports.actions.errors')}
              </Button>
              <Button
                type="link"
                size="small"
                icon={<DownloadOutlined />}
                loading={failedRows.isPending && failedRows.variables?.id === job.id}
                onClick={() => failedRows.mutate(job)}
                data-testid="import-failed-rows"
              >
                {t('imports.actions.failedRows')}
              </Button>
            </>
          )}
          {!isFinished(job.status) && (
            <Popconfirm title={t('imports.actions.cancelConfirm')} onConfirm={() => cancel.mutate(job)}>
              <Button type="link" size="small" danger icon={<StopOutlined />} loading={cancel.isPending && cancel.variables?.id === job.id} data-testid="import-cancel">
                {t('imports.actions.cancel')}
              </Button>
            </Popconfirm>
          )}
          {isFinished(job.status) && (
            <Popconfirm title={t('imports.actions.deleteConfirm')} onConfirm={() => remove.mutate(job)}>
              <Button type="link" size="small" icon={<DeleteOutlined />} loading={remove.isPending && remove.variables?.id === job.id} data-testid="import-delete">
                {t('imports.actions.delete')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <Flex align="baseline" gap={12} wrap style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('imports.list.title')}
        </Typography.Title>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('imports.list.hint')}
        </Typography.Text>
      </Flex>
      <Table<ImportJob>
        rowKey="id"
        size="small"
        loading={list.isPending}
        columns={columns}
        dataSource={jobs}
        pagination={false}
        tableLayout="fixed"
        rowClassName={(job) => (job.id === highlight ? 'gd-highlight-row' : '')}
        locale={{ emptyText: t('imports.list.empty') }}
        data-testid="imports-table"
      />
      {list.hasNextPage && (
        <Flex justify="end" style={{ marginTop: 12 }}>
          <Button loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t('common.loadMore')}
          </Button>
        </Flex>
      )}
      {showing && (
        <ImportErrorsDialog
          job={jobs.find((job) => job.id === showing.id) ?? showing}
          downloading={failedRows.isPending}
          onDownload={(job) => failedRows.mutate(job)}
          onClose={() => setShowing(null)}
        />
      )}
    </>
  );
}
