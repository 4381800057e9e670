import { Alert, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';

/** The ticket an earlier submission of this form made, as the server named it (`idempotency_key_reused`). */
export interface EarlierTicket {
  id: string;
  number: string;
}

/**
 * The form was sent, the network lost the answer, and the agent changed the form before sending
 * again: the first submission made a ticket, and the changed one would be another request under
 * the same key. The agent opens the ticket made (and edits it there), or files this as a new one.
 */
export function EarlierTicketNotice({ ticket, onOpen, onFileAsNew }: { ticket: EarlierTicket; onOpen: () => void; onFileAsNew: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      showIcon
      type="warning"
      style={{ marginBottom: 12 }}
      title={t('newTicket.earlier.title', { number: ticket.number })}
      description={t('newTicket.earlier.description')}
      action={
        <Space direction="vertical">
          <Button size="small" type="primary" autoFocus onClick={onOpen} data-testid="open-earlier-ticket">
            {t('newTicket.earlier.open')}
          </Button>
          <Button size="small" onClick={onFileAsNew} data-testid="file-as-new-ticket">
            {t('newTicket.earlier.fileAsNew')}
          </Button>
        </Space>
      }
      data-testid="earlier-ticket"
    />
  );
}
