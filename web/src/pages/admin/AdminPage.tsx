import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Administration (issue 5 point 7); its sections are nested routes under /admin. */
export default function AdminPage() {
  const { t } = useTranslation();
  return <Typography.Title level={3}>{t('admin.title')}</Typography.Title>;
}
