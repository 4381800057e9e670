import { isKnownErrorCode } from '../../errors/codes';
import { describeFieldIssue } from '../../errors/describe-error';
import { useOrgTimeZone } from '../../i18n/org-time';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Modal, Space, Typography } from 'antd';
import { useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import type { FieldIssue } from '../../api/domain';
import type { ExtensionRequest } from '../../api/extensions';
import { ticketQuery } from '../../api/queries';
import type { TicketDetail } from '../../api/tickets';
import type { DialogAction } from './action-catalogue';
import { ActionFields, initialValues, type ActionFormValues } from './ActionFields';
import { formFieldOf, submitAction } from './submit-action';
import { useRefreshTicket, useTicketChanged } from './use-ticket-refresh';

interface Props {
  action: DialogAction | null;
  ticket: TicketDetail;
  /** The ticket's extension requests, as the page has them: a time limit awaiting a decision is not offered. */
  extensionRequests: readonly ExtensionRequest[];
  /** What was typed into each form and not sent yet: kept when the dialog closes or the server refuses. */
  drafts: Map<DialogAction, ActionFormValues>;
  onClose: () => void;
}

/**
 * The form of one action in a modal. Enter submits (Shift+Enter is a new line in a text box),
 * Esc closes. The text typed stays when the dialog is closed or the server refuses — above all
 * when someone else changed the ticket first (409 version_conflict): refresh, then send again.
 *
 * The action is sent on the version the user saw when they opened the form, even if the page
 * re-read the ticket meanwhile: they decided on that state, so a change since is a conflict they
 * must see, not something to overwrite. Refreshing from the dialog moves it to the current one.
 */
export function ActionDialog({ action, ticket, extensionRequests, drafts, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ActionFormValues>();
  const changed = useTicketChanged();
  const refresh = useRefreshTicket();
  const queryClient = useQueryClient();
  const timeZone = useOrgTimeZone();
  // The version the form acts on, pinned when it opens (state adjusted during render, React's way for "when a prop changes").
  const [basis, setBasis] = useState<number | null>(null);
  const [openedFor, setOpenedFor] = useState<DialogAction | null>(null);
  if (action !== openedFor) {
    setOpenedFor(action);
    setBasis(action ? ticket.version : null);
  }
  const label = action === 'extension' ? t('ticketActions.extension') : action ? t(`actions.${action}`) : '';

  const mutation = useMutation({
    mutationFn: ({ action, values }: { action: DialogAction; values: ActionFormValues }) =>
      submitAction(action, values, { ...ticket, version: basis ?? ticket.version }, timeZone),
    onSuccess: (updated, { action }) => {
      drafts.delete(action);
      changed(updated, t('ticketActions.done', { action: label }));
      onClose();
    },
    onError: (error, { action: sent }) => {
      if (!(error instanceof ApiError)) return;
      // A refusal the catalogues explain reads in the user's language under its field too; a
      // validation refusal's field issue says what is wrong with the value, which a general text would lose.
      const validation = ['validation_failed', 'invalid_reference', 'invalid_form_fields', 'invalid_field'].includes(error.code);
      const text = (issue: FieldIssue) => (!validation && isKnownErrorCode(error.code) ? t(`errors.${error.code}`) : describeFieldIssue(issue, t, error.code));
      const fields = error.fieldIssues.flatMap((issue) => {
        const name = formFieldOf(issue.field, sent);
        return name ? [{ name, errors: [text(issue)] }] : [];
      });
      if (fields.length > 0) form.setFields(fields);
    },
  });
  const { reset } = mutation;
  useEffect(() => reset(), [action, reset]);

  const close = () => {
    if (action) drafts.set(action, form.getFieldsValue(true));
    onClose();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    const target = event.target as HTMLElement;
    // An open drop-down takes Enter to pick its option; buttons take it to press themselves.
    if (target.getAttribute('aria-expanded') === 'true' || target.tagName === 'BUTTON') return;
    event.preventDefault();
    form.submit();
  };

  const conflict = mutation.error instanceof ApiError && mutation.error.code === 'version_conflict';
  return (
    <Modal
      open={action !== null}
      title={label}
      onCancel={close}
      destroyOnHidden
      maskClosable={false}
      width={560}
      footer={
        <Space>
          <Button onClick={close}>{t('ticketActions.cancel')}</Button>
          <Button type="primary" loading={mutation.isPending} onClick={() => form.submit()} data-testid="action-submit">
            {t('ticketActions.submit')}
          </Button>
        </Space>
      }
    >
      {action && (
        <div onKeyDown={onKeyDown} data-testid="action-dialog" data-action={action}>
          {conflict && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="action-conflict"
              title={t('errors.version_conflict')}
              description={t('ticketActions.draftKept')}
              action={
                <Button
                  size="small"
                  onClick={() => {
                    mutation.reset();
                    void refresh().then(() => setBasis(queryClient.getQueryData(ticketQuery(ticket.number).queryKey)?.version ?? null));
                  }}
                >
                  {t('ticketActions.refreshTicket')}
                </Button>
              }
            />
          )}
          <Form
            key={action}
            form={form}
            layout="vertical"
            initialValues={drafts.get(action) ?? initialValues(action, ticket, extensionRequests)}
            onFinish={(values) => mutation.mutate({ action, values: { ...form.getFieldsValue(true), ...values } })}
          >
            <ActionFields action={action} ticket={ticket} extensionRequests={extensionRequests} />
          </Form>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('ticketActions.keyboardHint')}
          </Typography.Text>
        </div>
      )}
    </Modal>
  );
}
