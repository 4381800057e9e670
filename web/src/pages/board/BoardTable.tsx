import { Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DISPATCH_ROW, type Board, type BoardCell, type BoardRow } from '../../api/board';
import type { TicketStatus } from '../../api/domain';
import { useNow } from '../../components/use-now';
import { useFormatDuration, useRefName } from '../../i18n/format';
import { boardListUrl, rowStatuses } from './board-links';

const rowCode = (row: BoardRow) => row.department?.code ?? row.key;

/** One status of one row: the count (a link to those tickets) and its overdue and warned tickets. */
function CountCell({ row, status, cell }: { row: BoardRow; status: TicketStatus; cell: BoardCell | undefined }) {
  const { t } = useTranslation();
  const testId = `board-cell-${rowCode(row)}-${status}`;
  if (!cell || cell.total === 0) {
    return (
      <Typography.Text type="secondary" data-testid={testId} data-count={0}>
        0
      </Typography.Text>
    );
  }
  return (
    <Space orientation="vertical" size={2} data-testid={testId} data-count={cell.total} data-overdue={cell.overdue} data-warned={cell.warned}>
      <Link to={boardListUrl(row, [status])} title={t('live.board.openList')} style={{ fontSize: 16, fontWeight: 600 }}>
        {cell.total}
      </Link>
      {cell.overdue > 0 && (
        <Link to={boardListUrl(row, [status], 'overdue')}>
          <Tag color="red" style={{ marginInlineEnd: 0 }}>
            {t('live.board.overdueCount', { count: cell.overdue })}
          </Tag>
        </Link>
      )}
      {cell.warned > 0 && (
        <Link to={boardListUrl(row, [status], 'warned')}>
          <Tag color="orange" style={{ marginInlineEnd: 0 }}>
            {t('live.board.warnedCount', { count: cell.warned })}
          </Tag>
        </Link>
      )}
    </Space>
  );
}

/** The oldest ticket waiting in the row, with a link and how long it has waited. */
function OldestCell({ row }: { row: BoardRow }) {
  const { t } = useTranslation();
  const formatDuration = useFormatDuration();
  const now = useNow(30_000);
  const oldest = row.oldestWaiting;
  if (!oldest) return <Typography.Text type="secondary">{t('live.board.nothingWaiting')}</Typography.Text>;
  const minutes = Math.max(0, (now - Date.parse(oldest.since)) / 60_000);
  return (
    <Space orientation="vertical" size={0} data-testid={`board-oldest-${rowCode(row)}`}>
      <Link to={`/tickets/${oldest.number}`}>{oldest.number}</Link>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('live.board.waitingFor', { time: formatDuration(minutes) })}
      </Typography.Text>
    </Space>
  );
}

/** Departments × statuses: each count links to the ticket list filtered the same way. */
export function BoardTable({ board }: { board: Board }) {
  const { t } = useTranslation();
  const refName = useRefName();
  const columns: ColumnsType<BoardRow> = [
    {
      key: 'department',
      title: t('live.board.department'),
      width: 140,
      fixed: 'left',
      render: (_, row) =>
        row.key === DISPATCH_ROW ? (
          <Tooltip title={t('live.board.dispatchHint')}>
            <strong>{t('live.board.dispatchRow')}</strong>
          </Tooltip>
        ) : (
          <strong>{refName(row.department)}</strong>
        ),
    },
    ...board.statuses.map((status) => ({
      key: status,
      title: t(`status.${status}`),
      width: 78,
      align: 'center' as const,
      render: (_: unknown, row: BoardRow) => <CountCell row={row} status={status} cell={row.cells[status]} />,
    })),
    {
      key: 'open',
      title: t('live.board.total'),
      width: 76,
      align: 'center',
      render: (_, row) =>
        row.open > 0 ? (
          <Link to={boardListUrl(row, rowStatuses(row, board.statuses))} data-testid={`board-open-${rowCode(row)}`} style={{ fontWeight: 600 }}>
            {row.open}
          </Link>
        ) : (
          <Typography.Text type="secondary" data-testid={`board-open-${rowCode(row)}`}>
            0
          </Typography.Text>
        ),
    },
    // With the widths above, every column fits the 1,110 pixels a 1366×768 screen leaves beside the menu.
    { key: 'oldest', title: t('live.board.oldestWaiting'), width: 160, render: (_, row) => <OldestCell row={row} /> },
    {
      key: 'createdToday',
      title: t('live.board.createdToday'),
      width: 84,
      align: 'center',
      render: (_, row) => <span data-testid={`board-created-${rowCode(row)}`}>{row.createdToday}</span>,
    },
    {
      key: 'closedToday',
      title: t('live.board.closedToday'),
      width: 84,
      align: 'center',
      render: (_, row) => <span data-testid={`board-closed-${rowCode(row)}`}>{row.closedToday}</span>,
    },
  ];
  return (
    <Table<BoardRow>
      data-testid="board-table"
      rowKey="key"
      size="middle"
      bordered
      columns={columns}
      dataSource={board.rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('live.board.empty') }}
    />
  );
}
