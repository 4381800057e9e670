import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PageKey } from '../auth/permissions';

/** The menu entries of issue 5 not built yet: new ticket, board, notifications, administration. */
export default function ComingSoonPage({ page }: { page: PageKey }) {
  const { t } = useTranslation();
  return <Result status="info" title={t('pages.comingSoonTitle', { page: t(`nav.${page}`) })} subTitle={t('pages.comingSoonText')} data-testid="coming-soon" />;
}
