import { Badge, Space, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../i18n';
import { useOrgTimeZone } from '../i18n/org-time';
import { useLiveStatus } from './use-live';

const COLORS = { open: 'green', connecting: 'gold', offline: 'red', idle: 'default' } as const;

/** A small "live" dot with the stream's state and when the data on screen was last read. */
export function LiveIndicator({ updatedAt }: { updatedAt: number | null }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useOrgTimeZone();
  const { status } = useLiveStatus();
  const text = status === 'open' ? t('live.stream.live') : status === 'offline' ? t('live.stream.offline') : t('live.stream.connecting');
  const time = updatedAt ? new Date(updatedAt).toLocaleTimeString(language, { hour12: false, timeZone }) : null;
  return (
    <Space size={12} data-testid="live-indicator" data-live-status={status}>
      <Tooltip title={t('live.stream.liveHint')}>
        <Badge status={status === 'open' ? 'processing' : 'default'} color={COLORS[status]} text={text} />
      </Tooltip>
      {time && (
        <Typography.Text type="secondary" data-testid="live-updated-at">
          {t('live.stream.updatedAt', { time })}
        </Typography.Text>
      )}
    </Space>
  );
}
