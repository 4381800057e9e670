import { useQuery } from '@tanstack/react-query';
import { Alert, Flex, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { boardQuery } from '../../api/board';
import { ApiError } from '../../api/client';
import { LiveIndicator } from '../../live/LiveIndicator';
import { BoardSummary } from './BoardSummary';
import { BoardTable } from './BoardTable';

/**
 * The live board (看板): per department and status, open, overdue and warned tickets, the
 * oldest waiting and today's created and closed. The live stream re-reads it whenever someone
 * changes a ticket in a row the user sees (web/src/live), so it never needs a reload.
 */
export default function BoardPage() {
  const { t } = useTranslation();
  const board = useQuery({ ...boardQuery, meta: { quietCodes: ['board_not_allowed'] } });
  // Other failures reach the error notifier; this one the page explains itself.
  const forbidden = board.error instanceof ApiError && board.error.code === 'board_not_allowed';
  return (
    <div data-testid="board-page">
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('live.title')}
          {board.data && (
            <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 'normal', marginInlineStart: 12 }}>
              {t('live.board.today', { date: board.data.day.date })}
            </Typography.Text>
          )}
        </Typography.Title>
        <LiveIndicator updatedAt={board.dataUpdatedAt || null} />
      </Flex>
      {forbidden && <Alert type="warning" showIcon title={t('live.board.forbidden')} />}
      {!board.data && !board.error && <Spin style={{ display: 'block', marginTop: 80 }} />}
      {board.data && (
        <>
          <BoardSummary board={board.data} />
          <BoardTable board={board.data} />
        </>
      )}
    </div>
  );
}
