import { Button, Card, Form, Input, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SubmitRow } from './TicketCard';
import type { TargetTicket } from './values';

interface AddToTicketCardProps {
  target: TargetTicket;
  submitting: boolean;
  onSubmit: () => void;
  onCancel: () => void;
}

/** The call recorded on an open ticket instead of a new one: its text as a note, internal or for the customer. */
export function AddToTicketCard({ target, submitting, onSubmit, onCancel }: AddToTicketCardProps) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={t('newTicket.targetTitle', { number: target.number })}
      extra={
        <Button type="link" size="small" onClick={onCancel}>
          {t('newTicket.backToNew')}
        </Button>
      }
      data-testid="add-to-ticket"
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        <Link to={`/tickets/${target.number}`} target="_blank" rel="noreferrer">
          {target.number}
        </Link>{' '}
        {target.title} · {t('newTicket.targetHint')}
      </Typography.Paragraph>
      {/* The same field as a new ticket's description: switching back and forth keeps the text. */}
      <Form.Item name="description" label={t('newTicket.noteContent')} rules={[{ required: true, whitespace: true, message: t('newTicket.noteContentRequired') }]}>
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={20_000} />
      </Form.Item>
      <Form.Item name="noteInternal" label={t('newTicket.noteVisibility')}>
        <Radio.Group
          options={[
            { value: true, label: t('newTicket.noteInternal') },
            { value: false, label: t('newTicket.noteCustomerVisible') },
          ]}
        />
      </Form.Item>
      <SubmitRow label={t('newTicket.submitNote')} submitting={submitting} onSubmit={onSubmit} />
    </Card>
  );
}
