import { DownloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { downloadFile, type QueryParams } from '../api/client';
import { useFileLanguage } from '../i18n';

/**
 * 导出: a list as it is shown (its filters, search and order; every page of it) as the server's
 * Excel-ready CSV file, in the reader's language, under the name the server gives it. What the
 * file holds in full (phone numbers) is the reader's role's to decide, on the server.
 */
export function ExportButton({ path, query, fallbackName }: { path: string; query: QueryParams; fallbackName: string }) {
  const { t } = useTranslation();
  const lang = useFileLanguage();
  const download = useMutation({
    mutationFn: () => downloadFile(path, { ...query, lang }, fallbackName),
    onSuccess: (name) => void message.success(t('common.exported', { name })),
  });
  return (
    <Button icon={<DownloadOutlined />} loading={download.isPending} onClick={() => download.mutate()} data-testid="export">
      {t('common.export')}
    </Button>
  );
}
