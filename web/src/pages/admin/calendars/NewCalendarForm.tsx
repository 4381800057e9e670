import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { SaveModal } from '../common';
import { createCalendar, type Calendar } from '../../../api/admin-calendars';
import { ADMIN_KEYS } from '../admin-queries';
import { useAdminForm } from '../use-admin-form';
import { OFFICE_WEEK, timeZones } from './week';

interface Values {
  code?: string;
  name: string;
  timeZone: string;
}

/** A new calendar with office hours; its hours and days are then edited on its page. */
export function NewCalendarForm({ onClose, onCreated }: { onClose: () => void; onCreated: (calendar: Calendar) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const save = useAdminForm(form, (values: Values) => createCalendar({ name: values.name, timeZone: values.timeZone, week: OFFICE_WEEK, ...(values.code?.trim() && { code: values.code.trim() }) }), {
    invalidate: [ADMIN_KEYS.calendars],
    onSuccess: onCreated,
  });
  return (
    <SaveModal title={t('admin.calendars.create')} saving={save.isPending} onSave={() => form.submit()} onClose={onClose}>
      <Form form={form} layout="vertical" initialValues={{ timeZone: 'Asia/Shanghai' }} onFinish={(values) => save.mutate(values)}>
        <Form.Item name="code" label={t('admin.common.code')} extra={t('admin.calendars.codeHelp')} rules={[{ pattern: /^[a-z0-9][a-z0-9_-]{0,63}$/, message: t('admin.calendars.codeRule') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="name" label={t('admin.common.name')} rules={[{ required: true, whitespace: true, message: t('admin.validation.required') }, { max: 100, message: t('admin.validation.max', { count: 100 }) }]}>
          <Input />
        </Form.Item>
        <Form.Item name="timeZone" label={t('admin.calendars.timeZone')} rules={[{ required: true, message: t('admin.validation.required') }]}>
          <Select showSearch options={timeZones().map((zone) => ({ value: zone, label: zone }))} />
        </Form.Item>
      </Form>
    </SaveModal>
  );
}
