import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('pages.notFoundTitle')}
      extra={
        <Link to="/tickets">
          <Button type="primary">{t('pages.goHome')}</Button>
        </Link>
      }
    />
  );
}
