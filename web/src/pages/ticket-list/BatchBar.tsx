import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Form, Input, List, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { TRANSITIONS, type Role, type TicketAction } from '../../api/domain';
import { useSession } from '../../auth/session';
import { departmentsQuery, prioritiesQuery } from '../../api/queries';
import { runBatch, type BatchAction, type BatchOutcome, type TicketListItem } from '../../api/tickets';
import { PlainText } from '../../components/PlainText';
import { describeError } from '../../errors/describe-error';
import { useRefName } from '../../i18n/format';
import { useAssignableMembers } from '../ticket/assignees';

/** The actions offered on a selection; the server checks each ticket as its single action would. */
const KINDS = ['assign', 'transfer', 'setPriority', 'note'] as const;
type Kind = (typeof KINDS)[number];

/** The ticket action each batch runs: only roles the lifecycle table allows it are offered it. */
const TICKET_ACTION_OF: Record<Kind, TicketAction> = { assign: 'assign', transfer: 'transfer', setPriority: 'update', note: 'note' };
const kindsFor = (role: Role | undefined) => KINDS.filter((kind) => role !== undefined && TRANSITIONS[TICKET_ACTION_OF[kind]].roles.includes(role));

interface BatchBarProps {
  selected: TicketListItem[];
  onClear: () => void;
}

/** 批量处理: one action on the selected tickets, then what went through and what did not, per ticket. */
export function BatchBar({ selected, onClear }: BatchBarProps) {
  const { t } = useTranslation();
  const { session } = useSession();
  const [kind, setKind] = useState<Kind | null>(null);
  // Kept here, not in the bar: the report stays open after the selection is cleared.
  const [failures, setFailures] = useState<Extract<BatchOutcome, { ok: false }>[]>([]);
  return (
    <>
      {selected.length > 0 && (
        <Space wrap data-testid="batch-bar" style={{ marginBottom: 8 }}>
          <PlainText strong>{t('ticketList.batch.selected', { count: selected.length })}</PlainText>
          {kindsFor(session?.user.role).map((key) => (
            <Button key={key} onClick={() => setKind(key)} data-testid={`batch-${key}`}>
              {t(`ticketList.batch.${key}`)}
            </Button>
          ))}
          <Button type="link" onClick={onClear}>
            {t('ticketList.batch.clear')}
          </Button>
        </Space>
      )}
      {kind && (
        <BatchModal
          kind={kind}
          selected={selected}
          onClose={() => setKind(null)}
          onDone={(failed) => {
            setKind(null);
            setFailures(failed);
            onClear();
          }}
        />
      )}
      <Modal open={failures.length > 0} title={t('ticketList.batch.failuresTitle')} footer={null} onCancel={() => setFailures([])}>
        <List
          size="small"
          data-testid="batch-failures"
          dataSource={failures}
          renderItem={(failure) => (
            <List.Item>
              <PlainText strong>{failure.number ?? failure.ref}</PlainText>
              <span>{describeError(new ApiError({ type: 'about:blank', title: failure.code, status: failure.status, code: failure.code, detail: failure.message }), t)}</span>
            </List.Item>
          )}
        />
      </Modal>
    </>
  );
}

interface BatchValues {
  assignee?: string;
  department?: string;
  reason?: string;
  priority?: string;
  content?: string;
  internal?: boolean;
}

function toAction(kind: Kind, values: BatchValues): BatchAction {
  switch (kind) {
    case 'assign':
      return { action: 'assign', assignee: values.assignee ?? '' };
    case 'transfer':
      return { action: 'transfer', department: values.department ?? '', reason: values.reason ?? '' };
    case 'setPriority':
      return { action: 'setPriority', priority: values.priority ?? '' };
    case 'note':
      return { action: 'note', content: values.content ?? '', internal: values.internal ?? true };
  }
}

interface BatchModalProps {
  kind: Kind;
  selected: TicketListItem[];
  onClose: () => void;
  onDone: (failures: Extract<BatchOutcome, { ok: false }>[]) => void;
}

function BatchModal({ kind, selected, onClose, onDone }: BatchModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<BatchValues>();
  const run = useMutation({
    mutationFn: (values: BatchValues) => runBatch(toAction(kind, values), selected),
    onSuccess: async ({ results, summary }) => {
      if (summary.failed === 0) message.success(t('ticketList.batch.done', { succeeded: summary.succeeded }));
      else message.warning(t('ticketList.batch.partial', { succeeded: summary.succeeded, failed: summary.failed }));
      await queryClient.invalidateQueries({ queryKey: ['tickets'] });
      onDone(results.filter((result): result is Extract<BatchOutcome, { ok: false }> => !result.ok));
    },
  });
  return (
    <Modal
      open
      title={`${t(`ticketList.batch.${kind}`)} · ${t('ticketList.batch.selected', { count: selected.length })}`}
      okText={t('ticketList.batch.submit')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={run.isPending}
      destroyOnHidden
    >
      {run.error && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={describeError(run.error, t)} />}
      <Form<BatchValues> form={form} layout="vertical" initialValues={{ internal: true }} onFinish={(values) => run.mutate(values)}>
        <BatchFields kind={kind} selected={selected} />
      </Form>
    </Modal>
  );
}

function BatchFields({ kind, selected }: { kind: Kind; selected: TicketListItem[] }) {
  const { t } = useTranslation();
  const refName = useRefName();
  const departments = useQuery({ ...departmentsQuery, enabled: kind === 'transfer' });
  const priorities = useQuery({ ...prioritiesQuery, enabled: kind === 'setPriority' });
  const required = [{ required: true, whitespace: true, message: t('ticketList.batch.required') }];
  switch (kind) {
    case 'assign':
      return (
        <Form.Item name="assignee" label={t('ticketList.batch.assignee')} rules={required}>
          <AssigneeSelect selected={selected} />
        </Form.Item>
      );
    case 'transfer':
      return (
        <>
          <Form.Item name="department" label={t('ticketList.batch.department')} rules={required}>
            <Select autoFocus options={(departments.data ?? []).filter((d) => d.active).map((d) => ({ value: d.id, label: refName(d) }))} />
          </Form.Item>
          <Form.Item name="reason" label={t('ticketList.batch.reason')} rules={required}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </>
      );
    case 'setPriority':
      return (
        <Form.Item name="priority" label={t('ticketList.batch.priority')} rules={required}>
          <Select autoFocus options={(priorities.data ?? []).filter((p) => p.active).map((p) => ({ value: p.id, label: refName(p) }))} />
        </Form.Item>
      );
    case 'note':
      return (
        <>
          <Form.Item name="content" label={t('ticketList.batch.content')} rules={required}>
            <Input.TextArea rows={4} autoFocus maxLength={5000} />
          </Form.Item>
          <Form.Item name="internal" valuePropName="checked">
            <Checkbox>{t('ticketList.batch.internal')}</Checkbox>
          </Form.Item>
        </>
      );
  }
}

/** Only people every selected ticket may be assigned to: anyone else would have each ticket refused. */
function AssigneeSelect({ selected, ...rest }: { selected: TicketListItem[]; value?: string; onChange?: (value: string) => void }) {
  const { t } = useTranslation();
  // A ticket without a department is refused whoever is chosen (the report names it): it narrows nothing.
  const { members, loading } = useAssignableMembers(selected.flatMap((ticket) => (ticket.department ? [ticket.department.id] : [])));
  return (
    <Select
      {...rest}
      showSearch
      optionFilterProp="label"
      autoFocus
      loading={loading}
      notFoundContent={loading ? undefined : t('ticketActions.fields.noAssignee')}
      options={members.map((user) => ({ value: user.id, label: `${user.displayName} (${user.username})` }))}
      data-testid="batch-assignee"
    />
  );
}
