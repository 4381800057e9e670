import { Button, Card, Form, Input, Select, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { updateCalendar, type Calendar } from '../../../api/admin-calendars';
import { ADMIN_KEYS } from '../admin-queries';
import { useAdminForm } from '../use-admin-form';
import { DateList } from './DateList';
import { WeekEditor } from './WeekEditor';
import { timeZones, toWeek, toWeekValues, type WeekValues } from './week';

interface Values {
  name: string;
  timeZone: string;
  active: boolean;
  week: WeekValues;
  holidays: string[];
  workdays: string[];
}

/** The server's paths (week.mon.0.1, holidays.3) as the form's fields; an issue with a whole interval (an overlap) shows under its start. */
function rename(field: string): string | undefined {
  const interval = /^week\.(\w+)\.(\d+)(?:\.([01]))?$/.exec(field);
  if (interval) return `week.${interval[1]}.${interval[2]}.${interval[3] === '1' ? 'to' : 'from'}`;
  return field.replace(/^(holidays|workdays)\.\d+$/, '$1');
}

/** One calendar's definition; the built-in 24×7 calendar can only be renamed. */
export function CalendarEditor({ calendar }: { calendar: Calendar }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const fixed = calendar.alwaysOpen;
  const save = useAdminForm(
    form,
    (values: Values) =>
      updateCalendar(
        calendar.id,
        fixed ? { name: values.name } : { name: values.name, timeZone: values.timeZone, active: values.active, week: toWeek(values.week), holidays: values.holidays, workdays: values.workdays },
      ),
    { invalidate: [ADMIN_KEYS.calendars, ADMIN_KEYS.departments], rename },
  );
  const initial: Values = { name: calendar.name, timeZone: calendar.timeZone, active: calendar.active, week: toWeekValues(calendar.week), holidays: calendar.holidays, workdays: calendar.workdays };
  return (
    <Form form={form} layout="vertical" initialValues={initial} onFinish={(values) => save.mutate(values)} data-testid="calendar-form" disabled={save.isPending}>
      <Card
        size="small"
        style={{ marginBottom: 12 }}
        title={`${calendar.code}`}
        extra={
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('admin.common.save')}
          </Button>
        }
      >
        {fixed && <Typography.Paragraph type="secondary">{t('admin.calendars.alwaysOpenHelp')}</Typography.Paragraph>}
        <Space wrap align="start" size={[16, 0]}>
          <Form.Item name="name" label={t('admin.common.name')} rules={[{ required: true, whitespace: true, message: t('admin.validation.required') }, { max: 100, message: t('admin.validation.max', { count: 100 }) }]} style={{ width: 260 }}>
            <Input />
          </Form.Item>
          <Form.Item name="timeZone" label={t('admin.calendars.timeZone')} style={{ width: 220 }}>
            <Select showSearch disabled={fixed} options={timeZones().map((zone) => ({ value: zone, label: zone }))} />
          </Form.Item>
          <Form.Item name="active" label={t('admin.common.active')} valuePropName="checked">
            <Switch disabled={fixed} />
          </Form.Item>
        </Space>
      </Card>
      {!fixed && (
        <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: 12, marginBottom: 12 }}>
          <Card size="small" title={t('admin.calendars.week')}>
            <WeekEditor />
          </Card>
          <Card size="small" title={t('admin.calendars.days')}>
            <Form.Item name="holidays" label={t('admin.calendars.holidays')} extra={t('admin.calendars.holidaysHelp')}>
              <DateList testId="holiday-list" />
            </Form.Item>
            <Form.Item name="workdays" label={t('admin.calendars.workdays')} extra={t('admin.calendars.workdaysHelp')}>
              <DateList testId="workday-list" />
            </Form.Item>
          </Card>
        </div>
      )}
    </Form>
  );
}
