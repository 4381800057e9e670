import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { WEEKDAYS } from '../../../api/admin-calendars';
import { TIME_PATTERN } from './week';

/** Working intervals per weekday (`week` of the calendar form); a day without any is off. */
export function WeekEditor() {
  const { t } = useTranslation();
  const timeRule = { pattern: TIME_PATTERN, message: t('admin.calendars.timeRule') };
  return (
    <div data-testid="week-editor">
      {WEEKDAYS.map((day) => (
        <Form.List key={day} name={['week', day]}>
          {(rows, { add, remove }) => (
            <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start', padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
              <Typography.Text strong style={{ width: 48, paddingTop: 5 }}>
                {t(`admin.calendars.weekdays.${day}`)}
              </Typography.Text>
              <div style={{ flex: 1 }}>
                {rows.length === 0 && (
                  <Typography.Text type="secondary" style={{ display: 'inline-block', paddingTop: 5, marginInlineEnd: 12 }}>
                    {t('admin.calendars.dayOff')}
                  </Typography.Text>
                )}
                {rows.map((row) => (
                  <Space key={row.key} align="start" style={{ marginInlineEnd: 12 }}>
                    <Form.Item name={[row.name, 'from']} rules={[{ required: true, message: t('admin.validation.required') }, timeRule]} style={{ marginBottom: 4 }}>
                      <Input style={{ width: 72 }} placeholder="09:00" aria-label={t('admin.calendars.from')} />
                    </Form.Item>
                    <span style={{ lineHeight: '32px' }}>–</span>
                    <Form.Item name={[row.name, 'to']} rules={[{ required: true, message: t('admin.validation.required') }, timeRule]} style={{ marginBottom: 4 }}>
                      <Input style={{ width: 72 }} placeholder="18:00" aria-label={t('admin.calendars.to')} />
                    </Form.Item>
                    <Button type="text" size="small" icon={<DeleteOutlined />} onClick={() => remove(row.name)} aria-label={t('admin.calendars.removeInterval')} style={{ marginTop: 4 }} />
                  </Space>
                ))}
                <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ from: '09:00', to: '18:00' })} style={{ marginTop: 4 }}>
                  {t('admin.calendars.addInterval')}
                </Button>
              </div>
            </div>
          )}
        </Form.List>
      ))}
    </div>
  );
}
