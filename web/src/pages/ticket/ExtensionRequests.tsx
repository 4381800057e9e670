import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { approveExtension, rejectExtension, ticketExtensionsQuery, type ExtensionRequest, type ExtensionStatus } from '../../api/extensions';
import { usersQuery } from '../../api/queries';
import type { TicketDetail } from '../../api/tickets';
import { useSession } from '../../auth/session';
import { useFormatDateTime } from '../../i18n/format';
import { mayDecideExtension } from './action-catalogue';
import { useTicketChanged } from './use-ticket-refresh';

const STATUS_COLOURS: Record<ExtensionStatus, string> = { pending: 'orange', approved: 'green', rejected: 'red', lapsed: 'default' };

/**
 * 延时申请 on this ticket, newest first. A supervisor of the department (or an admin) approves a
 * pending one — its time limit then falls due at the requested time — or rejects it with a reason.
 */
export function ExtensionRequests({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const requests = useQuery(ticketExtensionsQuery(ticket.id));
  const items = requests.data ?? [];
  // Only worth a card when there is something to show: most tickets never ask for more time.
  if (items.length === 0) return null;
  return (
    <Card title={t('ticketActions.extensions.title')} size="small" data-testid="extension-requests">
      <List size="small" dataSource={items} renderItem={(request) => <RequestItem request={request} departmentId={ticket.department?.id ?? null} />} />
    </Card>
  );
}

/** `departmentId`: the department holding the ticket now, whose supervisors decide (a request made before a transfer moves with it). */
function RequestItem({ request, departmentId }: { request: ExtensionRequest; departmentId: string | null }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const users = useQuery(usersQuery);
  const formatDateTime = useFormatDateTime();
  const changed = useTicketChanged();
  const [rejecting, setRejecting] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const approve = useMutation({
    mutationFn: () => approveExtension(request.id),
    onSuccess: () => changed(null, t('ticketActions.extensions.approved')),
  });
  const reject = useMutation({
    mutationFn: (reason: string) => rejectExtension(request.id, reason),
    onSuccess: () => {
      setRejecting(false);
      changed(null, t('ticketActions.extensions.rejected'));
    },
  });
  const requester = users.data?.find((u) => u.id === request.requestedBy)?.displayName ?? t('common.none');
  // Someone else decides one's own request (the server answers 403 self_approval).
  const decides = request.status === 'pending' && request.requestedBy !== session?.user.id && mayDecideExtension(departmentId, session);
  return (
    <List.Item style={{ paddingInline: 0, display: 'block' }} data-testid="extension-request" data-status={request.status}>
      <Space size={6} wrap>
        <Tag color={STATUS_COLOURS[request.status]}>{t(`ticketActions.extensions.statuses.${request.status}`)}</Tag>
        <Typography.Text strong>{t(`sla.targets.${request.target}`)}</Typography.Text>
        <Typography.Text>{t('ticketActions.extensions.until', { time: formatDateTime(request.requestedUntil) })}</Typography.Text>
      </Space>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
        {[t('ticketActions.extensions.requestedBy', { name: requester }), request.previousDueAt && t('ticketActions.extensions.previous', { time: formatDateTime(request.previousDueAt) })]
          .filter(Boolean)
          .join(' · ')}
      </Typography.Text>
      <Typography.Paragraph className="gd-pre-wrap" style={{ margin: '4px 0 0' }}>
        {request.reason}
      </Typography.Paragraph>
      {request.decisionReason && <Typography.Text type="secondary">{request.decisionReason}</Typography.Text>}
      {decides && (
        <Space style={{ marginTop: 8 }}>
          <Button size="small" type="primary" loading={approve.isPending} onClick={() => approve.mutate()} data-testid="extension-approve">
            {t('ticketActions.extensions.approve')}
          </Button>
          <Button size="small" danger onClick={() => setRejecting(true)} data-testid="extension-reject">
            {t('ticketActions.extensions.reject')}
          </Button>
        </Space>
      )}
      <Modal
        open={rejecting}
        title={t('ticketActions.extensions.rejectTitle')}
        onCancel={() => setRejecting(false)}
        onOk={() => form.submit()}
        okText={t('ticketActions.submit')}
        cancelText={t('ticketActions.cancel')}
        confirmLoading={reject.isPending}
      >
        <Form form={form} layout="vertical" onFinish={({ reason }) => reject.mutate(reason.trim())}>
          <Form.Item
            name="reason"
            label={t('ticketActions.fields.decisionReason')}
            rules={[{ required: true, whitespace: true, message: t('ticketActions.validation.required', { field: t('ticketActions.fields.decisionReason') }) }]}
          >
            <Input autoFocus maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </List.Item>
  );
}
