import { useQuery } from '@tanstack/react-query';
import { App, Form, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { updateSettings } from '../../../api/admin-org';
import { useRefName } from '../../../i18n/format';
import { flatten } from '../catalog/tree';
import { ADMIN_KEYS, adminCategoriesQuery, adminPrioritiesQuery, serviceItemTreeQuery, settingsQuery } from '../admin-queries';
import { SettingCard } from '../common';
import { useAdminForm } from '../use-admin-form';

interface Values {
  category: string | null;
  serviceItem: string | null;
  priority: string | null;
}

/**
 * The classification given to tickets from channels that cannot classify (email, web, app, WeChat,
 * chat): the organisation setting `intakeDefaults`. Such tickets are flagged for triage; without
 * all three set, those channels' tickets are refused for want of a classification.
 */
export function IntakeDefaultsSetting() {
  const { t } = useTranslation();
  const refName = useRefName();
  const { message } = App.useApp();
  const settings = useQuery(settingsQuery);
  const categories = useQuery(adminCategoriesQuery);
  const items = useQuery(serviceItemTreeQuery);
  const priorities = useQuery(adminPrioritiesQuery);
  const [form] = Form.useForm<Values>();
  const current = settings.data?.intakeDefaults;
  useEffect(() => {
    if (current) form.setFieldsValue({ category: current.categoryId, serviceItem: current.serviceItemId, priority: current.priorityId });
  }, [current, form]);
  const save = useAdminForm(form, (values: Values) => updateSettings({ intakeDefaults: { category: values.category ?? null, serviceItem: values.serviceItem ?? null, priority: values.priority ?? null } }), {
    invalidate: [ADMIN_KEYS.settings],
    onSuccess: () => void message.success(t('admin.intake.saved')),
  });
  const options = (rows: ReadonlyArray<{ id: string; code: string; name: string; nameEn: string | null; active: boolean }>) =>
    rows.filter((row) => row.active).map((row) => ({ value: row.id, label: refName(row) }));
  const select = (name: keyof Values, label: string, rows: Parameters<typeof options>[0]) => (
    <Form.Item name={name} label={label}>
      <Select allowClear showSearch={{ optionFilterProp: 'label' }} style={{ width: 180 }} placeholder={t('admin.intake.none')} options={options(rows)} data-testid={`intake-${name}`} />
    </Form.Item>
  );
  return (
    <SettingCard title={t('admin.intake.title')} form={form} onSave={(values) => save.mutate(values)} saving={save.isPending} help={t('admin.intake.help')} testId="intake-defaults-setting" saveTestId="intake-save">
      {select('category', t('admin.intake.category'), categories.data ?? [])}
      {select('serviceItem', t('admin.intake.serviceItem'), flatten(items.data ?? []))}
      {select('priority', t('admin.intake.priority'), priorities.data ?? [])}
    </SettingCard>
  );
}
