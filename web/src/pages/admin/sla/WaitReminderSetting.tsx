import { useQuery } from '@tanstack/react-query';
import { App, Form, InputNumber } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { updateSettings } from '../../../api/admin-org';
import { ADMIN_KEYS, settingsQuery } from '../admin-queries';
import { SettingCard } from '../common';
import { useAdminForm } from '../use-admin-form';

interface Values {
  hours: number | null;
}

/**
 * How long a wait without a resume time lasts (挂起自动恢复): the organisation setting
 * `waitReminderHours`, in working hours on the calendar the ticket's time limits count on; empty: until resumed.
 */
export function WaitReminderSetting() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const settings = useQuery(settingsQuery);
  const [form] = Form.useForm<Values>();
  const current = settings.data?.waitReminderHours;
  useEffect(() => {
    if (current !== undefined) form.setFieldsValue({ hours: current });
  }, [current, form]);
  const save = useAdminForm(form, (values: Values) => updateSettings({ waitReminderHours: values.hours ?? null }), {
    invalidate: [ADMIN_KEYS.settings],
    onSuccess: () => void message.success(t('admin.waitReminder.saved')),
  });
  return (
    <SettingCard title={t('admin.waitReminder.title')} form={form} onSave={(values) => save.mutate(values)} saving={save.isPending} help={t('admin.waitReminder.help')} testId="wait-reminder-setting" saveTestId="wait-reminder-save">
      <Form.Item name="hours" label={t('admin.waitReminder.hours')}>
        <InputNumber min={1} max={1000} precision={0} placeholder={t('admin.waitReminder.none')} suffix={t('admin.waitReminder.unit')} style={{ width: 220 }} data-testid="wait-reminder-hours" />
      </Form.Item>
    </SettingCard>
  );
}
