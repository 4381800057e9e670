import { DownOutlined, GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { reportError } from '../errors/ErrorNotifier';
import { changeLanguage, LANGUAGES, preloadLanguage, useLanguage, type Language } from '../i18n';

/** 简体中文 / English; remembered in this browser. English is fetched as the menu opens (i18n/index.ts). */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Dropdown
      trigger={['click']}
      onOpenChange={(open) => {
        if (open) LANGUAGES.forEach(preloadLanguage);
      }}
      menu={{
        selectable: true,
        selectedKeys: [language],
        items: LANGUAGES.map((value) => ({ key: value, label: t(`language.${value}`) })),
        onClick: ({ key }) => void changeLanguage(key as Language).catch(reportError),
      }}
    >
      <Button icon={<GlobalOutlined />} aria-label={t('language.label')} data-testid="language-switch">
        {t(`language.${language}`)} <DownOutlined style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}
