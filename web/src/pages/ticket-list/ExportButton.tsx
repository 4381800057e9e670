import { DownloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../../api/client';
import type { TicketListParams } from '../../api/tickets';
import { reportError } from '../../errors/ErrorNotifier';

/**
 * 导出: the list as it is shown (tab, filters, search, view, order) as an Excel-ready CSV file,
 * every page of it, in the reader's language; phone numbers as the reader's role exports them.
 */
export function ExportButton({ request }: { request: TicketListParams }) {
  const { t, i18n } = useTranslation();
  const { limit: _limit, ...filters } = request;
  const exportList = useMutation({
    mutationFn: () => downloadFile('/tickets/export.csv', { ...filters, lang: i18n.language === 'en' ? 'en' : 'zh' }, 'tickets.csv'),
    onSuccess: (name) => void message.success(t('ticketList.exported', { name })),
    onError: (error) => reportError(error),
  });
  return (
    <Button icon={<DownloadOutlined />} loading={exportList.isPending} onClick={() => exportList.mutate()} data-testid="ticket-export">
      {t('ticketList.export')}
    </Button>
  );
}
