import { SearchOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input, Space, Typography } from 'antd';
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { MERGEABLE_TARGETS, mergeTargetQuery } from '../../api/ticket-actions';
import type { TicketDetail } from '../../api/tickets';
import { StatusTag } from '../../components/tags';

interface Props {
  /** the confirmed target's number; undefined until a lookup found a ticket that may take the merge */
  value?: string;
  onChange?: (value: string | undefined) => void;
  /** the ticket being merged, which cannot be its own target */
  self: Pick<TicketDetail, 'id' | 'number'>;
}

type Lookup = { kind: 'found'; ticket: TicketDetail } | { kind: 'missing' } | { kind: 'unfit'; ticket: TicketDetail; reason: 'self' | 'status' };

/**
 * 合并到: the number of the primary ticket, looked up before the merge may be confirmed, so the
 * user sees the target's title and status and does not merge into the wrong ticket by a typo.
 */
export function MergeTarget({ value, onChange, self }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState(value ?? '');
  const [lookup, setLookup] = useState<Lookup | null>(null);
  const [loading, setLoading] = useState(false);

  const find = async () => {
    const ref = text.trim();
    if (!ref) return;
    setLoading(true);
    try {
      const ticket = await queryClient.fetchQuery(mergeTargetQuery(ref));
      const unfit = ticket.id === self.id ? 'self' : !MERGEABLE_TARGETS.includes(ticket.status) ? 'status' : null;
      setLookup(unfit ? { kind: 'unfit', ticket, reason: unfit } : { kind: 'found', ticket });
      onChange?.(unfit ? undefined : ticket.number);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setLookup({ kind: 'missing' });
      onChange?.(undefined);
    } finally {
      setLoading(false);
    }
  };

  // Enter looks the number up; once the typed number is the confirmed one, Enter submits the form.
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    if (value && value === text.trim()) return;
    event.preventDefault();
    event.stopPropagation();
    void find();
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          value={text}
          placeholder={t('ticketActions.fields.intoPlaceholder')}
          data-testid="merge-into"
          onChange={(event) => {
            setText(event.target.value);
            setLookup(null);
            onChange?.(undefined);
          }}
          onKeyDown={onKeyDown}
        />
        <Button icon={<SearchOutlined />} loading={loading} onClick={() => void find()} data-testid="merge-lookup">
          {t('ticketActions.fields.lookup')}
        </Button>
      </Space.Compact>
      {lookup?.kind === 'found' && (
        <Alert
          type="info"
          data-testid="merge-target"
          title={
            <Space wrap size={4}>
              <span>{t('ticketActions.merge.found')}</span>
              <Typography.Text strong>{lookup.ticket.number}</Typography.Text>
              <span>{lookup.ticket.title}</span>
              <StatusTag status={lookup.ticket.status} />
            </Space>
          }
        />
      )}
      {lookup?.kind === 'missing' && <Alert type="warning" title={t('ticketActions.merge.notFound')} />}
      {lookup?.kind === 'unfit' && (
        <Alert
          type="warning"
          title={
            lookup.reason === 'self'
              ? t('ticketActions.validation.sameTicket')
              : t('ticketActions.merge.closedTarget', { status: t(`status.${lookup.ticket.status}`) })
          }
        />
      )}
    </Space>
  );
}
