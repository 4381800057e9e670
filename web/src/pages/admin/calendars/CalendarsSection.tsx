import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Space, Spin, Table, Tag, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Calendar } from '../../../api/admin-calendars';
import { calendarsQuery } from '../admin-queries';
import { ActiveTag, SectionHeader } from '../common';
import { CalendarEditor } from './CalendarEditor';
import { HolidayImport } from './HolidayImport';
import { NewCalendarForm } from './NewCalendarForm';

/**
 * 工作日历: the calendars business time counts on. `/admin/calendars/<id or code>` opens one:
 * working hours per weekday, time zone, holidays and make-up workdays, and a year's import.
 */
export default function CalendarsSection() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id } = useParams();
  const calendars = useQuery(calendarsQuery);
  const [creating, setCreating] = useState(false);
  const open = calendars.data?.find((c) => c.id === id || c.code === id);

  const columns: TableProps<Calendar>['columns'] = [
    { key: 'code', title: t('admin.common.code'), width: 180, render: (_, c) => <Link to={`/admin/calendars/${c.id}`}>{c.code}</Link> },
    { key: 'name', title: t('admin.common.name'), render: (_, c) => <Space>{c.name}{c.alwaysOpen && <Tag>{t('admin.calendars.alwaysOpen')}</Tag>}</Space> },
    { key: 'timeZone', title: t('admin.calendars.timeZone'), dataIndex: 'timeZone', width: 160 },
    { key: 'holidays', title: t('admin.calendars.holidays'), width: 100, render: (_, c) => c.holidays.length },
    { key: 'workdays', title: t('admin.calendars.workdays'), width: 100, render: (_, c) => c.workdays.length },
    { key: 'active', title: t('admin.common.state'), width: 90, render: (_, c) => <ActiveTag active={c.active} /> },
  ];

  if (id && !open) return calendars.isPending ? <Spin /> : <Empty description={t('admin.common.notFound')} />;
  if (open) {
    return (
      <>
        <SectionHeader title={`${t('admin.sections.calendars')} · ${open.name}`} extra={<Button onClick={() => navigate('/admin/calendars')}>{t('admin.common.back')}</Button>} />
        {/* Re-read after a save or an import (the clock may not have moved, so the content is the key). */}
        <CalendarEditor key={JSON.stringify([open.name, open.timeZone, open.active, open.week, open.holidays, open.workdays])} calendar={open} />
        {!open.alwaysOpen && <HolidayImport calendar={open} />}
      </>
    );
  }
  return (
    <>
      <SectionHeader
        title={t('admin.sections.calendars')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('admin.calendars.create')}
          </Button>
        }
      />
      <Table<Calendar>
        rowKey="id"
        size="middle"
        loading={calendars.isPending}
        columns={columns}
        dataSource={calendars.data ?? []}
        pagination={false}
        onRow={(c) => ({ onClick: () => navigate(`/admin/calendars/${c.id}`), style: { cursor: 'pointer' } })}
        data-testid="calendars-table"
      />
      {creating && <NewCalendarForm onClose={() => setCreating(false)} onCreated={(c) => navigate(`/admin/calendars/${c.id}`)} />}
    </>
  );
}
