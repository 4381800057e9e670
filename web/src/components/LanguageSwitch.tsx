import { DownOutlined, GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage, LANGUAGES, useLanguage, type Language } from '../i18n';

/** 简体中文 / English; remembered in this browser. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [language],
        items: LANGUAGES.map((value) => ({ key: value, label: t(`language.${value}`) })),
        onClick: ({ key }) => void changeLanguage(key as Language),
      }}
    >
      <Button icon={<GlobalOutlined />} aria-label={t('language.label')} data-testid="language-switch">
        {t(`language.${language}`)} <DownOutlined style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}
