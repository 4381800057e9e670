import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RefView, TicketStatus } from '../api/tickets';
import { useRefName } from '../i18n/format';

const STATUS_COLOURS: Record<TicketStatus, string> = {
  submitted: 'default',
  pending: 'gold',
  in_progress: 'processing',
  waiting: 'purple',
  handled: 'cyan',
  replied: 'geekblue',
  closed: 'success',
  returned: 'magenta',
  cancelled: 'default',
  merged: 'default',
};

export function StatusTag({ status }: { status: TicketStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOURS[status]} data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}

/** Priorities are reference data; the demo codes get colours, others a neutral tag. */
const PRIORITY_COLOURS: Record<string, string> = { urgent: 'red', high: 'orange', medium: 'blue', low: 'default' };

export function PriorityTag({ priority }: { priority: RefView }) {
  const refName = useRefName();
  return <Tag color={PRIORITY_COLOURS[priority.code] ?? 'default'}>{refName(priority)}</Tag>;
}
