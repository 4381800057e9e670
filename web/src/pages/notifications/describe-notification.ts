import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppNotification, NotificationKind } from '../../api/notifications';
import { SLA_TARGETS, type SlaTarget } from '../../api/tickets';
import { useFormatDateTime } from '../../i18n/format';

/** i18next reads dots as nesting, so each kind's texts sit under a dot-free key. */
export const KIND_KEYS = {
  'sla.warning': 'slaWarning',
  'sla.breach': 'slaBreach',
  'sla.escalation': 'slaEscalation',
  'ticket.assigned': 'ticketAssigned',
  'ticket.wait_ended': 'waitEnded',
  'extension.requested': 'extensionRequested',
  'extension.decided': 'extensionDecided',
} as const satisfies Record<NotificationKind, string>;

/** Tag colours by kind: red for what has run out, orange for what is about to. */
export const KIND_COLORS: Record<NotificationKind, string> = {
  'sla.warning': 'orange',
  'sla.breach': 'red',
  'sla.escalation': 'volcano',
  'ticket.assigned': 'blue',
  'ticket.wait_ended': 'geekblue',
  'extension.requested': 'purple',
  'extension.decided': 'cyan',
};

const isTarget = (value: unknown): value is SlaTarget => typeof value === 'string' && (SLA_TARGETS as readonly string[]).includes(value);
const text = (value: unknown) => (typeof value === 'string' ? value : null);

/** One line saying what happened, from the kind and its `data` (src/sla, src/tickets producers). */
export function useDescribeNotification(): (notification: AppNotification) => string {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  return useCallback(
    ({ kind, data }) => {
      const target = isTarget(data.target) ? t(`sla.targets.${data.target}`) : '';
      const due = formatDateTime(text(data.dueAt));
      const until = formatDateTime(text(data.requestedUntil));
      switch (kind) {
        case 'sla.warning':
          return t('live.notifications.text.slaWarning', { target, due });
        case 'sla.breach':
          return t('live.notifications.text.slaBreach', { target, due });
        case 'sla.escalation':
          return t('live.notifications.text.slaEscalation', { target, level: typeof data.level === 'number' ? data.level : 1 });
        case 'ticket.assigned':
          return data.automatic === true ? t('live.notifications.text.ticketAssignedAutomatic') : t('live.notifications.text.ticketAssigned');
        case 'ticket.wait_ended':
          return typeof data.reminderHours === 'number'
            ? t('live.notifications.text.waitEndedByDefault', { hours: data.reminderHours })
            : t('live.notifications.text.waitEnded', { until: formatDateTime(text(data.until)) });
        case 'extension.requested':
          return t('live.notifications.text.extensionRequested', { target, until });
        case 'extension.decided':
          return data.status === 'approved'
            ? t('live.notifications.text.extensionApproved', { target, until })
            : t('live.notifications.text.extensionRejected');
      }
    },
    [t, formatDateTime],
  );
}
