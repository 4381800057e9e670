import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The live board (issue 5 point 5). */
export default function BoardPage() {
  const { t } = useTranslation();
  return <Typography.Title level={3}>{t('live.title')}</Typography.Title>;
}
