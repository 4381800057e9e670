import { Button, Empty, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  value?: string[];
  onChange?: (value: string[]) => void;
  testId: string;
}

/** A list of local dates (YYYY-MM-DD) as a form control: grouped by year, each removable, one added at a time. */
export function DateList({ value = [], onChange, testId }: Props) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState('');
  const byYear = new Map<string, string[]>();
  for (const date of [...value].sort()) byYear.set(date.slice(0, 4), [...(byYear.get(date.slice(0, 4)) ?? []), date]);
  const add = () => {
    if (/^\d{4}-\d{2}-\d{2}$/.test(adding) && !value.includes(adding)) onChange?.([...value, adding].sort());
    setAdding('');
  };
  return (
    <div data-testid={testId}>
      {byYear.size === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('admin.calendars.noDates')} style={{ margin: 0 }} />}
      <div style={{ maxHeight: 220, overflow: 'auto' }}>
        {[...byYear].map(([year, dates]) => (
          <div key={year} style={{ marginBottom: 6 }}>
            <Typography.Text type="secondary">{year}</Typography.Text>
            <div>
              {dates.map((date) => (
                <Tag key={date} closable onClose={() => onChange?.(value.filter((d) => d !== date))} style={{ marginTop: 4 }} data-date={date}>
                  {date.slice(5)}
                </Tag>
              ))}
            </div>
          </div>
        ))}
      </div>
      <Space.Compact style={{ marginTop: 6 }}>
        <Input type="date" value={adding} onChange={(event) => setAdding(event.target.value)} style={{ width: 170 }} aria-label={t('admin.calendars.addDate')} />
        <Button onClick={add} disabled={!adding}>
          {t('admin.calendars.addDate')}
        </Button>
      </Space.Compact>
    </div>
  );
}
