import { Result } from 'antd';
import { useTranslation } from 'react-i18next';

/** A page the user's role may not use (the menu does not offer it; a typed or shared URL may). */
export default function ForbiddenPage() {
  const { t } = useTranslation();
  return <Result status="403" title={t('pages.forbiddenTitle')} />;
}
