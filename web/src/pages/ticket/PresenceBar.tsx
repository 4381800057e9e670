import { EyeOutlined } from '@ant-design/icons';
import { Alert, Avatar, Button, Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Presence } from '../../api/presence';
import { useFormatDateTime } from '../../i18n/format';
import { useRefreshTicket } from './use-ticket-refresh';

/** 张三 正在查看: everyone else on the ticket now, each as an avatar tag. */
export function Viewers({ presence }: { presence: Presence | null }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  if (!presence || presence.viewers.length === 0) return null;
  return (
    <Space size={4} wrap data-testid="ticket-viewers">
      <EyeOutlined style={{ color: '#8c8c8c' }} />
      {presence.viewers.map((viewer) => (
        <Tooltip key={viewer.user.id} title={t('ticketActions.presence.since', { time: formatDateTime(viewer.since) })}>
          <Tag color="blue" style={{ marginInlineEnd: 0, paddingInlineStart: 2 }} data-testid="ticket-viewer">
            <Avatar size={18} style={{ backgroundColor: '#1677ff', fontSize: 11, marginInlineEnd: 4 }}>
              {viewer.user.displayName.slice(0, 1)}
            </Avatar>
            {t('ticketActions.presence.viewing', { name: viewer.user.displayName })}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}

/** 工单已被更新: the heartbeat answered a newer version than the page shows. */
export function StaleBanner({ presence, shownVersion }: { presence: Presence | null; shownVersion: number }) {
  const { t } = useTranslation();
  const refresh = useRefreshTicket();
  if (!presence || presence.version <= shownVersion) return null;
  return (
    <Alert
      type="warning"
      showIcon
      banner
      data-testid="ticket-stale"
      title={t('ticketActions.presence.updated')}
      description={t('ticketActions.presence.updatedHint')}
      action={
        <Button size="small" type="primary" onClick={() => void refresh()} data-testid="ticket-stale-refresh">
          {t('ticketActions.presence.refresh')}
        </Button>
      }
    />
  );
}
