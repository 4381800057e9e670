import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Modal, Table, Typography, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { isImportRowCode, type ImportErrorLine, type ImportJob } from '../../api/imports';
import { importErrorsQuery } from '../../api/queries';

/** How many lines of the report the dialog shows; the failed rows' file has them all. */
const FIRST_LINES = 50;

/**
 * The first lines of a job's error report: row (as Excel numbers it), column (as the file spells
 * it), the value (personal data masked), the code and the reason in the user's language — with
 * the server's own words beside it, which name the specifics (the options a column takes, the
 * customer a number belongs to); a code the console does not know shows those words alone.
 */
export function ImportErrorsDialog({ job, downloading, onDownload, onClose }: { job: ImportJob; downloading: boolean; onDownload: (job: ImportJob) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const report = useQuery(importErrorsQuery(job.id, FIRST_LINES, job.updatedAt));
  const lines = report.data?.items ?? [];

  const columns: TableProps<ImportErrorLine>['columns'] = [
    { key: 'row', title: t('imports.errorReport.columns.row'), width: 64, render: (_, line) => line.row },
    {
      key: 'column',
      title: t('imports.errorReport.columns.column'),
      width: 120,
      ellipsis: true,
      render: (_, line) => line.column ?? <Typography.Text type="secondary">{t('imports.errorReport.wholeRow')}</Typography.Text>,
    },
    { key: 'value', title: t('imports.errorReport.columns.value'), width: 140, ellipsis: true, render: (_, line) => line.value ?? t('common.none') },
    {
      key: 'code',
      title: t('imports.errorReport.columns.code'),
      width: 170,
      render: (_, line) => (
        <Typography.Text code style={{ fontSize: 12, wordBreak: 'break-all' }}>
          {line.code}
        </Typography.Text>
      ),
    },
    {
      key: 'message',
      title: t('imports.errorReport.columns.message'),
      render: (_, line) =>
        isImportRowCode(line.code) ? (
          <Flex vertical>
            <span data-testid="import-error-reason">{t(`imports.rowCodes.${line.code}`)}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-word' }}>
              {line.message}
            </Typography.Text>
          </Flex>
        ) : (
          <span data-testid="import-error-reason" style={{ wordBreak: 'break-word' }}>
            {line.message}
          </span>
        ),
    },
  ];

  return (
    <Modal
      open
      width={960}
      title={t('imports.errorReport.title', { file: job.fileName })}
      onCancel={onClose}
      footer={
        <Flex justify="space-between" align="center" gap={12}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {report.data?.nextCursor ? t('imports.errorReport.firstLines', { count: FIRST_LINES }) : null}
          </Typography.Text>
          <Flex gap={8}>
            <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => onDownload(job)} data-testid="import-errors-download">
              {t('imports.actions.failedRows')}
            </Button>
            <Button type="primary" onClick={onClose}>
              {t('imports.errorReport.close')}
            </Button>
          </Flex>
        </Flex>
      }
      data-testid="import-errors-dialog"
    >
      <Typography.Paragraph type="secondary">{t('imports.errorReport.intro', { count: job.counts.failed })}</Typography.Paragraph>
      <Table<ImportErrorLine>
        rowKey={(line) => `${line.row}:${line.column ?? ''}:${line.code}:${line.message}`}
        size="small"
        loading={report.isPending}
        columns={columns}
        dataSource={lines}
        pagination={false}
        tableLayout="fixed"
        scroll={{ y: 360 }}
        data-testid="import-errors-table"
      />
    </Modal>
  );
}
