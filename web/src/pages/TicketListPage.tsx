import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Input, Select, Space, Table, Tabs, Tag, type TableProps } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { departmentsQuery, prioritiesQuery, ticketEventsQuery, ticketListQuery, ticketQuery } from '../api/queries';
import type { QueryParams } from '../api/client';
import { TICKET_SORTS, TICKET_STATUSES, type TicketListItem, type TicketListParams, type TicketSort } from '../api/tickets';
import { useSession } from '../auth/session';
import { ExportButton } from '../components/ExportButton';
import { Highlighted } from '../components/Highlighted';
import { SlaTag } from '../components/SlaTag';
import { PriorityTag, StatusTag } from '../components/tags';
import { useNow } from '../components/use-now';
import { useRefName } from '../i18n/format';
import { PlainText } from '../components/PlainText';
import { BatchBar } from './ticket-list/BatchBar';
import { SavedViews } from './ticket-list/SavedViews';
import { readTicketListUrl, rememberListAddress } from './ticket-list-url';

/**
 * The columns' widths (with the selection boxes) add up to this; it fits the 1,110 pixels a
 * 1366×768 screen leaves beside the menu, so the time-limit column is not cut off; wider screens
 * widen every column.
 */
const TABLE_WIDTH = 1100;
/** Start fetching the next page this many pixels before the end of the table. */
const PREFETCH_PX = 600;

/** The list's request as the export takes it: everything but the page size. */
function exportQuery({ limit: _limit, ...filters }: TicketListParams): QueryParams {
  return filters;
}

/**
 * The queues and the search box. Tab, search text and filters live in the URL
 * (`/tickets?queue=department&status=pending&priority=urgent,high&q=退款`), so a list can be
 * bookmarked and shared. Pages of 50 are fetched by cursor as the table scrolls; the table
 * renders only the rows in view, so thousands of loaded rows stay fast.
 */
export default function TicketListPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const refName = useRefName();
  const now = useNow();
  const [params, setParams] = useSearchParams();

  const { tabs, tab, statuses, priorities, departments, customers, sort, view, q, request } = readTicketListUrl(params, session?.user.role ?? null);
  // A ticket opened from here leads back to the list as it was, tab, filters and search included.
  useEffect(() => rememberListAddress(params), [params]);
  const list = useInfiniteQuery({ ...ticketListQuery(request), placeholderData: keepPreviousData });
  const priorityOptions = useQuery(prioritiesQuery);
  const departmentOptions = useQuery(departmentsQuery);
  // Batch actions change tickets; an auditor reads only.
  const mayBatch = session !== null && session !== undefined && session.user.role !== 'auditor';
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);

  /** Changes some URL parameters, keeping the others; empty values leave the URL. */
  const update = (changes: Record<string, string | readonly string[] | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      const text = Array.isArray(value) ? value.join(',') : (value as string | null);
      if (text) next.set(key, text);
      else next.delete(key);
    }
    setParams(next);
  };

  const [searchText, setSearchText] = useState(q);
  useEffect(() => setSearchText(q), [q]);

  const { fetchNextPage, hasNextPage, isFetchingNextPage } = list;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [fetchNextPage, hasNextPage, isFetchingNextPage]);

  const tableBox = useRef<HTMLDivElement>(null);
  const tableHeight = useAvailableHeight(tableBox);

  const columns: TableProps<TicketListItem>['columns'] = [
    {
      key: 'number',
      title: t('columns.number'),
      width: 185,
      render: (_, ticket) => (
        <Link to={`/tickets/${ticket.number}`} onClick={(event) => event.stopPropagation()} data-testid="ticket-link">
          {ticket.number}
        </Link>
      ),
    },
    {
      key: 'title',
      title: t('columns.title'),
      width: 190,
      ellipsis: true,
      // Plain elements with CSS ellipsis: 50 rows at a time, each must be cheap to render.
      render: (_, ticket) => (
        <>
          <div className="gd-ellipsis" title={ticket.title}>
            {ticket.highlights?.title ? <Highlighted html={ticket.highlights.title} /> : ticket.title}
          </div>
          {ticket.highlights?.snippet && (
            <div className="gd-ellipsis gd-secondary" style={{ fontSize: 12 }}>
              <Highlighted html={ticket.highlights.snippet} />
            </div>
          )}
        </>
      ),
    },
    { key: 'customer', title: t('columns.customer'), width: 110, ellipsis: true, render: (_, ticket) => ticket.customer?.name ?? t('common.none') },
    { key: 'status', title: t('columns.status'), width: 95, render: (_, ticket) => <StatusTag status={ticket.status} /> },
    { key: 'department', title: t('columns.department'), width: 140, ellipsis: true, render: (_, ticket) => refName(ticket.department) },
    { key: 'assignee', title: t('columns.assignee'), width: 100, ellipsis: true, render: (_, ticket) => ticket.assignee?.displayName ?? t('common.none') },
    { key: 'priority', title: t('columns.priority'), width: 80, render: (_, ticket) => <PriorityTag priority={ticket.priority} /> },
    {
      key: 'sla',
      title: t('columns.timeLimit'),
      width: 160,
      render: (_, ticket) => <SlaTag state={ticket.sla.state} dueAt={ticket.sla.dueAt} now={now} />,
    },
  ];

  const loaded = rows.length;
  const selected = rows.filter((ticket) => selectedIds.includes(ticket.id));
  const { limit: _limit, view: _view, ...viewFilters } = request;
  const filtered = statuses.length > 0 || priorities.length > 0 || departments.length > 0 || customers.length > 0 || q || sort;
  // The customer's name as the listed tickets carry it; the id alone says nothing to a person.
  const customerName = (id: string) => rows.find((row) => row.customer?.id === id)?.customer?.name ?? t('ticketList.customerFilterUnnamed');
  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: 'calc(100vh - 64px - 48px)', minHeight: 420 }}>
      <Tabs
        activeKey={tab}
        onChange={(key) => update({ queue: key === tabs[0] ? null : key })}
        items={tabs.map((key) => ({ key, label: <span data-testid={`queue-${key}`}>{t(`queues.${key}`)}</span> }))}
        style={{ marginBottom: 0 }}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          data-testid="ticket-search"
          placeholder={t('ticketList.searchPlaceholder')}
          value={searchText}
          onChange={(event) => setSearchText(event.target.value)}
          onSearch={(value) => update({ q: value.trim() || null })}
          style={{ width: 360 }}
        />
        <FilterSelect
          label={t('ticketList.statusFilter')}
          value={statuses}
          onChange={(value) => update({ status: value })}
          options={TICKET_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))}
          width={220}
        />
        <FilterSelect
          label={t('ticketList.priorityFilter')}
          value={priorities}
          onChange={(value) => update({ priority: value })}
          options={(priorityOptions.data ?? []).filter((p) => p.active).map((p) => ({ value: p.code, label: refName(p) }))}
          width={170}
        />
        <FilterSelect
          label={t('ticketList.departmentFilter')}
          value={departments}
          onChange={(value) => update({ department: value })}
          options={(departmentOptions.data ?? []).filter((d) => d.active).map((d) => ({ value: d.code, label: refName(d) }))}
          width={190}
        />
        <Select<TicketSort>
          allowClear
          aria-label={t('ticketList.sortLabel')}
          placeholder={t('ticketList.sortLabel')}
          data-testid="ticket-sort"
          value={sort ?? undefined}
          onChange={(value) => update({ sort: value ?? null })}
          options={TICKET_SORTS.map((value) => ({ value, label: t(`ticketList.sorts.${value}`) }))}
          style={{ width: 150 }}
        />
        {customers.map((id) => (
          <Tag key={id} closable onClose={() => update({ customer: customers.filter((other) => other !== id) })} data-testid="customer-filter">
            {t('ticketList.customerFilter', { name: customerName(id) })}
          </Tag>
        ))}
        <SavedViews current={view} filters={viewFilters} onChoose={(id) => update({ view: id, queue: id ? 'all' : null })} />
        {filtered && (
          <Button onClick={() => update({ status: null, priority: null, department: null, customer: null, sort: null, q: null })}>{t('ticketList.clearFilters')}</Button>
        )}
        <Button icon={<ReloadOutlined />} aria-label={t('common.refresh')} onClick={() => void list.refetch()} loading={list.isRefetching && !isFetchingNextPage} />
        <ExportButton path="/tickets/export.csv" query={exportQuery(request)} fallbackName="tickets.csv" />
      </Space>
      {mayBatch && <BatchBar selected={selected} onClear={() => setSelectedIds([])} />}
      <div ref={tableBox} style={{ flex: 1, minHeight: 0 }}>
        <Table<TicketListItem>
          virtual
          size="middle"
          rowKey="id"
          rowSelection={
            mayBatch
              ? { selectedRowKeys: selectedIds, onChange: (keys) => setSelectedIds(keys.map(String)), columnWidth: 40, preserveSelectedRowKeys: false }
              : undefined
          }
          columns={columns}
          dataSource={rows}
          loading={list.isPending || (list.isPlaceholderData && list.isFetching)}
          pagination={false}
          scroll={{ x: TABLE_WIDTH, y: Math.max(tableHeight - 56, 200) }}
          locale={{ emptyText: list.isPending ? t('common.loading') : t('ticketList.empty') }}
          rowClassName={() => 'gd-clickable-row'}
          onRow={(ticket) => ({
            onClick: () => void navigate(`/tickets/${ticket.number}`),
            // Warm the ticket page while the pointer is on its row.
            onMouseEnter: () => {
              void queryClient.prefetchQuery({ ...ticketQuery(ticket.number), staleTime: 10_000 });
              void queryClient.prefetchQuery({ ...ticketEventsQuery(ticket.number), staleTime: 10_000 });
            },
          })}
          onScroll={(event) => {
            const box = event.currentTarget;
            if (box.scrollHeight - box.scrollTop - box.clientHeight < PREFETCH_PX) loadMore();
          }}
          data-testid="ticket-table"
        />
      </div>
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', paddingTop: 8 }}>
        <PlainText secondary data-testid="ticket-count">
          {hasNextPage ? t('ticketList.loaded', { count: loaded }) : t('ticketList.allLoaded', { count: loaded })}
        </PlainText>
        {hasNextPage && (
          <Button onClick={loadMore} loading={isFetchingNextPage}>
            {t('ticketList.loadMore')}
          </Button>
        )}
      </div>
    </div>
  );
}

/** The height of a box that fills the rest of the page, followed as the window resizes. */
function useAvailableHeight(ref: RefObject<HTMLDivElement | null>): number {
  const [height, setHeight] = useState(480);
  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setHeight(Math.floor(entry.contentRect.height));
    });
    observer.observe(box);
    return () => observer.disconnect();
  }, [ref]);
  return height;
}

interface FilterSelectProps<T extends string> {
  label: string;
  value: T[];
  onChange: (value: T[]) => void;
  options: Array<{ value: T; label: string }>;
  width: number;
}

/** A filter of several values (status, priority …), labelled for screen readers by its placeholder. */
function FilterSelect<T extends string>({ label, value, onChange, options, width }: FilterSelectProps<T>) {
  return (
    <Select<T[]>
      mode="multiple"
      allowClear
      maxTagCount="responsive"
      placeholder={label}
      aria-label={label}
      value={value}
      onChange={onChange}
      options={options}
      style={{ width }}
    />
  );
}
