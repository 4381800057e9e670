import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Button, Flex, Segmented, Select, Table, Tag, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { CustomerFilters, CustomerSummary } from '../../api/customers';
import { CUSTOMER_TYPES, mayEditCustomers, mayFindByPhone, type CustomerType } from '../../api/domain';
import { customerListQuery, customerQuery } from '../../api/queries';
import { ExportButton } from '../../components/ExportButton';
import { useSession } from '../../auth/session';
import { FilterBox } from '../../components/FilterBox';
import { useFormatDateTime } from '../../i18n/format';
import { CustomerFormDialog } from './CustomerFormDialog';
import { TagList, TextTag } from './TextTag';

/**
 * The filters in the address (`/customers?q=王&type=enterprise&tier=VIP&tag=投诉多`, an
 * enterprise's contacts `?parent=<id>`), so a search can be bookmarked, shared and gone back from.
 */
function filtersFrom(params: URLSearchParams): CustomerFilters {
  const type = params.get('type');
  return {
    q: params.get('q')?.trim() || undefined,
    match: params.get('match') === 'contains' ? 'contains' : undefined,
    type: (CUSTOMER_TYPES as readonly string[]).includes(type ?? '') ? (type as CustomerType) : undefined,
    tier: params.get('tier')?.trim() || undefined,
    tag: params.get('tag')?.trim() || undefined,
    parent: params.get('parent')?.trim() || undefined,
  };
}

/**
 * 客户: customers in name order, found by name or any phone number (the server finds a number's
 * holder through its keyed hash), filtered by type, tier and tag, fifty at a time. Lists show the
 * primary phone masked to everyone; the profile shows what the role may see.
 */
export default function CustomerListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const formatDateTime = useFormatDateTime();
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const list = useInfiniteQuery(customerListQuery(filters));
  const [creating, setCreating] = useState(false);
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];

  const update = (key: keyof CustomerFilters, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  const enterprise = useQuery({ ...customerQuery(filters.parent ?? ''), enabled: filters.parent !== undefined });

  const columns: TableProps<CustomerSummary>['columns'] = [
    // Fixed widths but the name's (the table is laid out fixed): long tiers and tags are cut, the name keeps the room left.
    {
      key: 'name',
      title: t('customers.columns.name'),
      ellipsis: true,
      render: (_, customer) => (
        <Link to={`/customers/${customer.id}`} title={customer.name} data-testid="customer-link">
          {customer.name}
        </Link>
      ),
    },
    { key: 'type', title: t('customers.columns.type'), width: 100, render: (_, customer) => t(`customers.types.${customer.type}`) },
    { key: 'tier', title: t('customers.columns.tier'), width: 130, render: (_, customer) => (customer.tier ? <TextTag color="gold" text={customer.tier} /> : t('common.none')) },
    { key: 'phone', title: t('customers.columns.phone'), width: 140, render: (_, customer) => customer.phone ?? t('common.none') },
    {
      key: 'tags',
      title: t('customers.columns.tags'),
      width: '22%',
      render: (_, customer) => <TagList tags={customer.tags} />,
    },
    { key: 'updatedAt', title: t('customers.columns.updatedAt'), width: 150, render: (_, customer) => formatDateTime(customer.updatedAt) },
  ];

  return (
    <div data-testid="customer-list-page">
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('customers.title')}
        </Typography.Title>
        {session && mayEditCustomers(session.user.role) && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="customer-create">
            {t('customers.create')}
          </Button>
        )}
      </Flex>
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <FilterBox
          autoFocus
          placeholder={t(session && !mayFindByPhone(session.user.role) ? 'customers.searchByName' : 'customers.search')}
          value={filters.q}
          onSearch={(value) => update('q', value)}
          width={280}
          testId="customer-search"
        />
        <Segmented
          value={filters.match ?? 'prefix'}
          onChange={(value) => update('match', value === 'contains' ? 'contains' : undefined)}
          options={[
            { value: 'prefix', label: t('customers.match.prefix') },
            { value: 'contains', label: t('customers.match.contains') },
          ]}
        />
        <Select
          allowClear
          placeholder={t('customers.allTypes')}
          value={filters.type}
          onChange={(value?: CustomerType) => update('type', value)}
          style={{ width: 120 }}
          options={CUSTOMER_TYPES.map((type) => ({ value: type, label: t(`customers.types.${type}`) }))}
        />
        <FilterBox placeholder={t('customers.tier')} value={filters.tier} onSearch={(value) => update('tier', value)} width={140} />
        <FilterBox placeholder={t('customers.tag')} value={filters.tag} onSearch={(value) => update('tag', value)} width={140} />
        {filters.parent && (
          <Tag closable onClose={() => update('parent', undefined)} style={{ alignSelf: 'center' }} data-testid="customer-parent-filter">
            {t('customers.contactsOf', { name: enterprise.data?.name ?? '…' })}
          </Tag>
        )}
        <ExportButton path="/customers/export.csv" query={{ ...filters, match: filters.q ? filters.match : undefined }} fallbackName="customers.csv" />
      </Flex>
      <Table<CustomerSummary>
        rowKey="id"
        size="middle"
        loading={list.isPending}
        columns={columns}
        dataSource={rows}
        pagination={false}
        tableLayout="fixed"
        locale={{ emptyText: t('customers.empty') }}
        onRow={(customer) => ({ onDoubleClick: () => void navigate(`/customers/${customer.id}`) })}
        data-testid="customer-table"
      />
      <Flex justify="space-between" align="center" style={{ marginTop: 12 }}>
        <Typography.Text type="secondary">{t('customers.shown', { count: rows.length })}</Typography.Text>
        {list.hasNextPage && (
          <Button loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} data-testid="customer-load-more">
            {t('common.loadMore')}
          </Button>
        )}
      </Flex>
      {creating && <CustomerFormDialog onClose={() => setCreating(false)} onSaved={(customer) => void navigate(`/customers/${customer.id}`)} />}
    </div>
  );
}
