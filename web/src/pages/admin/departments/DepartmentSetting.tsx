import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Select, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { updateSettings, type AdminDepartment, type Settings } from '../../../api/admin-org';
import { useRefName } from '../../../i18n/format';
import { ADMIN_KEYS, settingsQuery } from '../admin-queries';
import { useAdminForm } from '../use-admin-form';

/** The organisation settings that name a department: where objections go (疑难), and who dispatches (派单). */
type DepartmentSettingName = 'difficultCaseDepartment' | 'dispatchDepartment';

const STORED: Record<DepartmentSettingName, keyof Settings & `${DepartmentSettingName}Id`> = {
  difficultCaseDepartment: 'difficultCaseDepartmentId',
  dispatchDepartment: 'dispatchDepartmentId',
};

type Values = Partial<Record<DepartmentSettingName, string | null>>;

/** One setting naming a department, chosen among the active ones, saved on its own. */
export function DepartmentSetting({ setting, departments }: { setting: DepartmentSettingName; departments: AdminDepartment[] }) {
  const { t } = useTranslation();
  const refName = useRefName();
  const settings = useQuery(settingsQuery);
  const [form] = Form.useForm<Values>();
  const current = settings.data?.[STORED[setting]] ?? null;
  useEffect(() => form.setFieldsValue({ [setting]: current }), [current, form, setting]);
  const save = useAdminForm(form, (values: Values) => updateSettings({ [setting]: values[setting] ?? null }), { invalidate: [ADMIN_KEYS.settings] });
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Form form={form} layout="inline" onFinish={(values) => save.mutate(values)} data-testid={`${setting}-setting`}>
        <Form.Item name={setting} label={t(`admin.departments.${setting}`)}>
          <Select allowClear style={{ width: 220 }} placeholder={t(`admin.departments.${setting}None`)} options={departments.filter((d) => d.active).map((d) => ({ value: d.id, label: refName(d) }))} />
        </Form.Item>
        <Space>
          <Button htmlType="submit" loading={save.isPending}>
            {t('admin.common.save')}
          </Button>
          <Typography.Text type="secondary">{t(`admin.departments.${setting}Help`)}</Typography.Text>
        </Space>
      </Form>
    </Card>
  );
}
