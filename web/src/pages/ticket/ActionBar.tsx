import { DownOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Dropdown, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ticketExtensionsQuery } from '../../api/extensions';
import { runTicketAction } from '../../api/ticket-actions';
import type { TicketDetail } from '../../api/tickets';
import { useSession } from '../../auth/session';
import { arrangeActions, isDialogAction, type DialogAction, type PageAction } from './action-catalogue';
import { ActionDialog } from './ActionDialog';
import { EditTicketDialog, type EditDraft } from './EditTicketDialog';
import type { ActionFormValues } from './ActionFields';
import { useTicketChanged } from './use-ticket-refresh';

/**
 * The actions the user may take now, from the server's `allowedActions`: the main ones as
 * buttons, the rest under "more". Claim and accept act at once; the others open their form.
 */
export function ActionBar({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const [open, setOpen] = useState<DialogAction | null>(null);
  const [editing, setEditing] = useState(false);
  // Editing is not a step of the lifecycle (`update` in allowedActions): a button of its own, first while the ticket awaits triage.
  const mayEdit = ticket.allowedActions.includes('update');
  // Per page visit: a form closed half-filled opens again as it was left.
  const drafts = useRef(new Map<DialogAction, ActionFormValues>()).current;
  const editDraft = useRef<EditDraft | null>(null);
  const changed = useTicketChanged();
  // The page's list of them (ExtensionRequests): a time limit already awaiting a decision is not offered again.
  const extensionRequests = useQuery(ticketExtensionsQuery(ticket.id)).data ?? [];
  const direct = useMutation({
    mutationFn: (action: 'claim' | 'accept') => runTicketAction(ticket, action, {}),
    onSuccess: (updated, action) => changed(updated, t('ticketActions.done', { action: t(`actions.${action}`) })),
  });

  const { buttons, more } = arrangeActions(ticket, extensionRequests, session);
  const labelOf = (action: PageAction) => (action === 'extension' ? t('ticketActions.extension') : t(`actions.${action}`));
  const take = (action: PageAction) => {
    if (isDialogAction(action)) setOpen(action);
    else direct.mutate(action as 'claim' | 'accept');
  };

  if (buttons.length === 0 && more.length === 0 && !mayEdit) {
    return <Typography.Text type="secondary">{t('ticketActions.noActions')}</Typography.Text>;
  }
  return (
    <>
      <Space wrap data-testid="ticket-actions">
        {mayEdit && ticket.needsTriage && (
          <Button type="primary" onClick={() => setEditing(true)} data-testid="action-edit">
            {t('ticketActions.edit.triageButton')}
          </Button>
        )}
        {buttons.map((action, index) => (
          <Button
            key={action}
            type={index === 0 && !(mayEdit && ticket.needsTriage) ? 'primary' : 'default'}
            loading={direct.isPending && direct.variables === action}
            onClick={() => take(action)}
            data-testid={`action-${action}`}
          >
            {labelOf(action)}
          </Button>
        ))}
        {mayEdit && !ticket.needsTriage && (
          <Button onClick={() => setEditing(true)} data-testid="action-edit">
            {t('ticketActions.edit.button')}
          </Button>
        )}
        {more.length > 0 && (
          <Dropdown
            trigger={['click']}
            menu={{
              items: more.map((action) => ({ key: action, label: <span data-testid={`action-${action}`}>{labelOf(action)}</span> })),
              onClick: ({ key }) => take(key as PageAction),
            }}
          >
            <Button data-testid="action-more">
              {t('ticketActions.more')} <DownOutlined />
            </Button>
          </Dropdown>
        )}
      </Space>
      <ActionDialog action={open} ticket={ticket} extensionRequests={extensionRequests} drafts={drafts} onClose={() => setOpen(null)} />
      {editing && <EditTicketDialog ticket={ticket} open={editing} draft={editDraft} onClose={() => setEditing(false)} />}
    </>
  );
}
