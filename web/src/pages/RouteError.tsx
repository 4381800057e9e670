import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';

/**
 * A page that failed to render or load (for instance a chunk of an older build after an
 * upgrade): offer a reload. Plain markup, as it is part of the first download.
 */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <div role="alert" style={{ maxWidth: 560, margin: '96px auto', padding: '0 24px', textAlign: 'center' }}>
      <h2 style={{ fontWeight: 500 }}>{t('pages.crashTitle')}</h2>
      {error instanceof Error && <p style={{ color: 'rgba(0,0,0,0.45)' }}>{error.message}</p>}
      <Button type="primary" onClick={() => window.location.reload()}>
        {t('common.refresh')}
      </Button>
    </div>
  );
}
