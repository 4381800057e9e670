import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DeadlineState } from '../api/tickets';
import { useFormatDateTime, useFormatDuration } from '../i18n/format';

/** Time-limit colours: running green, warned orange, breached red, paused grey; finished clocks muted. */
export const SLA_COLOURS: Record<DeadlineState, string> = {
  running: 'green',
  warned: 'orange',
  breached: 'red',
  paused: 'default',
  met: 'success',
  stopped: 'default',
};

interface SlaTagProps {
  state: DeadlineState | null;
  /** When the clock runs out; null while paused. */
  dueAt: string | null;
  /** Minutes left as the server counted them (business minutes on a calendar); otherwise counted down from dueAt. */
  remainingMinutes?: number;
  /** The minutes are working minutes: shown in working hours, not days. */
  businessTime?: boolean;
  now: number;
}

/** A time limit as one coloured tag: "剩余 2小时5分钟", "超时 1天3小时", "已暂停". */
export function SlaTag({ state, dueAt, remainingMinutes, businessTime, now }: SlaTagProps) {
  const { t } = useTranslation();
  const formatDuration = useFormatDuration();
  const formatDateTime = useFormatDateTime();
  if (!state) return <span style={{ color: 'rgba(0,0,0,0.45)' }}>{t('sla.noLimit')}</span>;
  let text: string;
  if (state === 'paused' || !dueAt) {
    text = t('sla.paused');
  } else {
    const minutes = remainingMinutes ?? (Date.parse(dueAt) - now) / 60_000;
    const time = formatDuration(minutes, { businessTime: remainingMinutes !== undefined && businessTime === true });
    text = minutes >= 0 ? t('sla.remaining', { time }) : t('sla.overdue', { time });
  }
  // A native tooltip: lists show one of these per row, and an antd Tooltip each would cost.
  const hint = dueAt ? `${t(`sla.states.${state}`)} · ${t('sla.dueAt', { time: formatDateTime(dueAt) })}` : t(`sla.states.${state}`);
  return (
    <Tag color={SLA_COLOURS[state]} data-sla-state={state} title={hint} style={{ marginInlineEnd: 0 }}>
      {text}
    </Tag>
  );
}
