import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Board } from '../../api/board';

/** The board's totals over every row the user sees. */
export function BoardSummary({ board }: { board: Board }) {
  const { t } = useTranslation();
  const { totals } = board;
  const figures = [
    { key: 'open', title: t('live.board.open'), value: totals.open },
    { key: 'overdue', title: t('live.board.overdue'), value: totals.overdue, color: totals.overdue > 0 ? '#cf1322' : undefined },
    { key: 'warned', title: t('live.board.warned'), value: totals.warned, color: totals.warned > 0 ? '#d46b08' : undefined },
    { key: 'createdToday', title: t('live.board.createdToday'), value: totals.createdToday },
    { key: 'closedToday', title: t('live.board.closedToday'), value: totals.closedToday },
  ];
  return (
    <Row gutter={16} style={{ marginBottom: 16 }} data-testid="board-totals">
      {figures.map((figure) => (
        <Col key={figure.key} flex="1 1 0">
          <Card size="small">
            <Statistic title={figure.title} value={figure.value} styles={figure.color ? { content: { color: figure.color } } : undefined} data-testid={`board-total-${figure.key}`} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
