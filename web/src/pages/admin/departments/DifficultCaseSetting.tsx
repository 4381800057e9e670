import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Select, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { updateSettings, type AdminDepartment } from '../../../api/admin-org';
import { useRefName } from '../../../i18n/format';
import { ADMIN_KEYS, settingsQuery } from '../admin-queries';
import { useAdminForm } from '../use-admin-form';

interface Values {
  difficultCaseDepartment: string | null;
}

/** Where a reply with an objection sends the ticket (疑难): the organisation setting `difficultCaseDepartmentId`. */
export function DifficultCaseSetting({ departments }: { departments: AdminDepartment[] }) {
  const { t } = useTranslation();
  const refName = useRefName();
  const settings = useQuery(settingsQuery);
  const [form] = Form.useForm<Values>();
  const current = settings.data?.difficultCaseDepartmentId ?? null;
  useEffect(() => form.setFieldsValue({ difficultCaseDepartment: current }), [current, form]);
  const save = useAdminForm(form, (values: Values) => updateSettings({ difficultCaseDepartment: values.difficultCaseDepartment ?? null }), { invalidate: [ADMIN_KEYS.settings] });
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Form form={form} layout="inline" onFinish={(values) => save.mutate(values)} data-testid="difficult-case-setting">
        <Form.Item name="difficultCaseDepartment" label={t('admin.departments.difficultCase')}>
          <Select allowClear style={{ width: 220 }} placeholder={t('admin.departments.difficultCaseNone')} options={departments.filter((d) => d.active).map((d) => ({ value: d.id, label: refName(d) }))} />
        </Form.Item>
        <Space>
          <Button htmlType="submit" loading={save.isPending}>
            {t('admin.common.save')}
          </Button>
          <Typography.Text type="secondary">{t('admin.departments.difficultCaseHelp')}</Typography.Text>
        </Space>
      </Form>
    </Card>
  );
}
