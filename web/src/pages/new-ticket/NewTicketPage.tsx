import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** New ticket during a call (issue 5 point 2). */
export default function NewTicketPage() {
  const { t } = useTranslation();
  return <Typography.Title level={3}>{t('newTicket.title')}</Typography.Title>;
}
