import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The notification list (issue 5 point 6). */
export default function NotificationsPage() {
  const { t } = useTranslation();
  return <Typography.Title level={3}>{t('live.title')}</Typography.Title>;
}
