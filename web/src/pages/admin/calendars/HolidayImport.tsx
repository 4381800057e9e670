import { Alert, Button, Card, Checkbox, Descriptions, InputNumber, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importHolidays, type Calendar, type ImportedCalendar } from '../../../api/admin-calendars';
import { ADMIN_KEYS } from '../admin-queries';
import { useAdminAction } from '../use-admin-form';

interface Imported {
  year: number;
  result: ImportedCalendar;
  before: Calendar;
}

/**
 * Adds a year's public holidays and make-up workdays (mainland China, from the State Council's
 * arrangements the server ships) to the calendar, then shows what the year now holds, the new
 * dates marked.
 */
export function HolidayImport({ calendar }: { calendar: Calendar }) {
  const { t } = useTranslation();
  const [year, setYear] = useState<number | null>(new Date().getFullYear());
  const [statutoryOnly, setStatutoryOnly] = useState(false);
  const [imported, setImported] = useState<Imported | null>(null);
  const run = useAdminAction(
    (input: { year: number; before: Calendar }) => importHolidays(calendar.id, input.year, statutoryOnly).then((result) => ({ ...input, result })),
    [ADMIN_KEYS.calendars],
    setImported,
  );
  const ofYear = (dates: string[], y: number) => dates.filter((d) => d.startsWith(`${y}-`));
  return (
    <Card size="small" title={t('admin.calendars.importTitle')} data-testid="holiday-import">
      <Space>
        <Typography.Text>{t('admin.calendars.importRegion')}</Typography.Text>
        <InputNumber min={1} max={9999} precision={0} value={year} onChange={setYear} aria-label={t('admin.calendars.importYear')} style={{ width: 110 }} />
        <Checkbox checked={statutoryOnly} onChange={(e) => setStatutoryOnly(e.target.checked)} data-testid="statutory-only">
          {t('admin.calendars.statutoryOnly')}
        </Checkbox>
        <Button type="primary" disabled={!year} loading={run.isPending} onClick={() => year && run.mutate({ year, before: calendar })}>
          {t('admin.calendars.import')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
        {t('admin.calendars.statutoryOnlyHelp')}
      </Typography.Paragraph>
      {imported && (
        <div style={{ marginTop: 12 }} data-testid="import-preview">
          <Alert
            type="success"
            showIcon
            title={t('admin.calendars.imported', { year: imported.year, holidays: imported.result.added.holidays, workdays: imported.result.added.workdays })}
            style={{ marginBottom: 8 }}
          />
          <Descriptions size="small" column={1} bordered>
            {(['holidays', 'workdays'] as const).map((list) => (
              <Descriptions.Item key={list} label={t(`admin.calendars.${list}`)}>
                {ofYear(imported.result[list], imported.year).map((date) => {
                  const isNew = !imported.before[list].includes(date);
                  return (
                    <Tag key={date} color={isNew ? 'green' : undefined} style={{ marginTop: 4 }} data-date={date}>
                      {date.slice(5)}
                    </Tag>
                  );
                })}
              </Descriptions.Item>
            ))}
          </Descriptions>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('admin.calendars.importLegend')}
          </Typography.Text>
        </div>
      )}
    </Card>
  );
}
