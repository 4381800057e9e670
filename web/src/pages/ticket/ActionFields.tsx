import { useQuery } from '@tanstack/react-query';
import { DatePicker, Form, Input, Radio, Select, Switch, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { type Dayjs } from 'dayjs';
import { useOrgTimeZone } from '../../i18n/org-time';
import { toPickerValue } from '../../i18n/zone-clock';
import { useTranslation } from 'react-i18next';
import { departmentsQuery, settingsQuery } from '../../api/queries';
import type { ExtensionRequest } from '../../api/extensions';
import { REPLY_CHANNELS, type ReplyChannel } from '../../api/ticket-actions';
import { useAssignableMembers } from './assignees';
import type { SlaTarget, TicketDetail } from '../../api/tickets';
import { useFormatDateTime, useRefName } from '../../i18n/format';
import { extendableDeadlines, type DialogAction } from './action-catalogue';
import { MergeTarget } from './MergeTarget';

/** Everything any action's form may hold; each form uses its own few fields. */
export interface ActionFormValues {
  department?: string;
  assignee?: string;
  content?: string;
  internal?: boolean;
  reason?: string;
  note?: string;
  result?: string;
  channel?: ReplyChannel;
  opinion?: 'objection' | 'none' | 'pending';
  into?: string;
  target?: SlaTarget;
  hours?: number;
  /** wait: when handling resumes by itself */
  until?: Dayjs | null;
}

export const EXTENSION_HOURS = [1, 2, 4, 8, 24] as const;

/** What a fresh form starts with. */
export function initialValues(action: DialogAction, ticket: TicketDetail, requests: readonly ExtensionRequest[]): ActionFormValues {
  switch (action) {
    case 'note':
      return { internal: true };
    case 'reply':
      return { channel: 'phone' };
    case 'extension':
      return { target: extendableDeadlines(ticket, requests)[0]?.target, hours: 4 };
    default:
      return {};
  }
}

const TEXT_ROWS = { minRows: 3, maxRows: 8 };

/** The longest text the server takes in each field (tickets/http/ticket.schemas.ts): reasons and closing notes are shorter than notes, results and replies. */
const MAX_TEXT: Record<'content' | 'result' | 'reason' | 'note', number> = { content: 20_000, result: 20_000, reason: 5_000, note: 5_000 };

/** The fields of one action's form, with their validation. */
export function ActionFields({ action, ticket, extensionRequests }: { action: DialogAction; ticket: TicketDetail; extensionRequests: readonly ExtensionRequest[] }) {
  const { t } = useTranslation();
  const required = (field: string): Rule => ({ required: true, whitespace: true, message: t('ticketActions.validation.required', { field }) });
  const chosen = (field: string): Rule => ({ required: true, message: t('ticketActions.validation.choose', { field }) });
  const textArea = (name: keyof typeof MAX_TEXT, label: string, optional = false) => (
    <Form.Item name={name} label={label} rules={[...(optional ? [] : [required(label)]), { max: MAX_TEXT[name], message: t('ticketActions.validation.tooLong', { field: label, count: MAX_TEXT[name] }) }]}>
      <Input.TextArea autoSize={TEXT_ROWS} maxLength={MAX_TEXT[name]} showCount={{ formatter: ({ count, maxLength }) => (maxLength && count > maxLength * 0.9 ? `${count} / ${maxLength}` : '') }} data-testid={`field-${name}`} />
    </Form.Item>
  );
  const f = (key: 'department' | 'assignee' | 'content' | 'reason' | 'result' | 'replyContent' | 'note' | 'channel' | 'objection' | 'into') =>
    t(`ticketActions.fields.${key}`);

  switch (action) {
    case 'dispatch':
      return (
        <Form.Item name="department" label={f('department')} extra={t('ticketActions.fields.departmentByRules')}>
          <DepartmentSelect allowClear />
        </Form.Item>
      );
    case 'assign':
      return (
        <Form.Item name="assignee" label={f('assignee')} rules={[chosen(f('assignee'))]}>
          <MemberSelect departmentId={ticket.department?.id ?? null} />
        </Form.Item>
      );
    case 'note':
      return (
        <>
          {textArea('content', f('content'))}
          <Form.Item name="internal" label={t('ticketActions.fields.internal')} valuePropName="checked" extra={t('ticketActions.fields.internalHint')}>
            <Switch data-testid="field-internal" />
          </Form.Item>
        </>
      );
    case 'transfer':
      return (
        <>
          <Form.Item name="department" label={f('department')} rules={[chosen(f('department'))]}>
            <DepartmentSelect exclude={ticket.department?.id} />
          </Form.Item>
          {textArea('reason', f('reason'))}
        </>
      );
    case 'wait':
      return (
        <>
          {textArea('reason', f('reason'))}
          <WaitUntilField />
        </>
      );
    case 'return':
    case 'reopen':
    case 'cancel':
      return textArea('reason', f('reason'));
    case 'resume':
    case 'close':
      return textArea('note', f('note'), true);
    case 'resolve':
      return textArea('result', f('result'));
    case 'reply':
      return (
        <>
          <Form.Item name="channel" label={f('channel')} rules={[chosen(f('channel'))]}>
            <Select data-testid="field-channel" options={REPLY_CHANNELS.map((c) => ({ value: c, label: t(`ticketActions.replyChannels.${c}`) }))} />
          </Form.Item>
          {textArea('content', f('replyContent'))}
          <Form.Item name="opinion" label={f('objection')} rules={[chosen(f('objection'))]}>
            <Radio.Group data-testid="field-opinion">
              <Radio value="none">{t('ticketActions.fields.objectionNo')}</Radio>
              <Radio value="objection">{t('ticketActions.fields.objectionYes')}</Radio>
              <Radio value="pending">{t('ticketActions.fields.objectionPending')}</Radio>
            </Radio.Group>
          </Form.Item>
        </>
      );
    case 'merge':
      return (
        <>
          <Form.Item name="into" label={f('into')} rules={[{ required: true, message: t('ticketActions.validation.lookupFirst') }]}>
            <MergeTarget self={ticket} />
          </Form.Item>
          {textArea('note', f('note'), true)}
        </>
      );
    case 'extension':
      return <ExtensionFields ticket={ticket} requests={extensionRequests} />;
  }
}

/** The wait's resume time; left empty, the organisation's default wait (if any) applies, and the hint says so. */
function WaitUntilField() {
  const { t } = useTranslation();
  const zone = useOrgTimeZone();
  const hours = useQuery(settingsQuery).data?.waitReminderHours ?? null;
  // The server refuses a time already past; said here, in the user's language, before sending.
  // (Today's past hours stay selectable: a time typed that the picker would not take is dropped
  // silently, and the wait would then take the default instead of a refusal the user can read.)
  const future: Rule = {
    validator: async (_, value?: Dayjs | null) => {
      if (value && !value.isAfter(toPickerValue(Date.now(), zone))) throw new Error(t('ticketActions.validation.waitUntilPast'));
    },
  };
  return (
    <Form.Item
      name="until"
      rules={[future]}
      label={t('ticketActions.fields.waitUntil')}
      extra={hours === null ? t('ticketActions.fields.waitUntilHint') : t('ticketActions.fields.waitUntilDefaultHint', { hours })}
    >
      <WaitUntilPicker placeholder={hours === null ? t('ticketActions.fields.waitUntilPlaceholder') : t('ticketActions.fields.waitUntilDefaultPlaceholder', { hours })} />
    </Form.Item>
  );
}

/** When a wait ends by itself: the usual call-back times one click away, or any later minute. */
function WaitUntilPicker(props: { value?: Dayjs | null; onChange?: (value: Dayjs | null) => void; placeholder: string }) {
  const { t } = useTranslation();
  // The organisation's wall clock: 明天 09:00 is nine in the morning where the call centre is (submit-action reads it back so).
  const now = toPickerValue(Date.now(), useOrgTimeZone());
  const at = (days: number, hour: number) => now.add(days, 'day').hour(hour).minute(0).second(0).millisecond(0);
  return (
    <DatePicker
      {...props}
      showTime={{ format: 'HH:mm', minuteStep: 5 }}
      // A time typed and left is taken as typed: with a confirm step, leaving the field dropped it,
      // and the wait took the default instead without a word.
      needConfirm={false}
      format="YYYY-MM-DD HH:mm"
      disabledDate={(day) => day.isBefore(now, 'day')}
      presets={[
        { label: t('ticketActions.fields.inOneHour'), value: now.add(1, 'hour').second(0).millisecond(0) },
        { label: t('ticketActions.fields.tomorrowMorning'), value: at(1, 9) },
        { label: t('ticketActions.fields.tomorrowAfternoon'), value: at(1, 14) },
        { label: t('ticketActions.fields.dayAfterTomorrow'), value: at(2, 9) },
      ]}
      style={{ width: '100%' }}
      data-testid="field-until"
    />
  );
}

function DepartmentSelect(props: { value?: string; onChange?: (value: string | undefined) => void; exclude?: string; allowClear?: boolean }) {
  const { exclude, ...rest } = props;
  const departments = useQuery(departmentsQuery);
  const refName = useRefName();
  return (
    <Select
      {...rest}
      showSearch={{ optionFilterProp: 'label' }}
      loading={departments.isPending}
      data-testid="field-department"
      options={(departments.data ?? []).filter((d) => d.active && d.id !== exclude).map((d) => ({ value: d.id, label: refName(d) }))}
    />
  );
}

function MemberSelect(props: { value?: string; onChange?: (value: string | undefined) => void; departmentId: string | null }) {
  const { departmentId, ...rest } = props;
  const { members, loading } = useAssignableMembers(departmentId ? [departmentId] : []);
  return (
    <Select
      {...rest}
      showSearch={{ optionFilterProp: 'label' }}
      loading={loading}
      data-testid="field-assignee"
      options={members.map((u) => ({ value: u.id, label: u.displayName }))}
    />
  );
}

/** 延时申请: which running time limit, by how much, and why; the new due time is shown before sending. */
function ExtensionFields({ ticket, requests }: { ticket: TicketDetail; requests: readonly ExtensionRequest[] }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const deadlines = extendableDeadlines(ticket, requests);
  const target = Form.useWatch<SlaTarget | undefined>('target');
  const hours = Form.useWatch<number | undefined>('hours');
  const deadline = deadlines.find((d) => d.target === target);
  const until = deadline && hours ? extensionUntil(deadline.dueAt, hours) : null;
  return (
    <>
      <Form.Item name="target" label={t('ticketActions.fields.target')} rules={[{ required: true, message: t('ticketActions.extensions.noRunning') }]}>
        <Select data-testid="field-target" options={deadlines.map((d) => ({ value: d.target, label: t(`sla.targets.${d.target}`) }))} />
      </Form.Item>
      <Form.Item
        name="hours"
        label={t('ticketActions.fields.extendBy')}
        rules={[{ required: true, message: t('ticketActions.validation.choose', { field: t('ticketActions.fields.extendBy') }) }]}
        extra={
          deadline && (
            <Typography.Text type="secondary" data-testid="extension-until">
              {t('ticketActions.fields.currentDueAt', { time: formatDateTime(deadline.dueAt) })}
              {until && ` · ${t('ticketActions.fields.newDueAt', { time: formatDateTime(until) })}`}
            </Typography.Text>
          )
        }
      >
        <Radio.Group optionType="button" options={EXTENSION_HOURS.map((h) => ({ value: h, label: t('ticketActions.fields.hours', { count: h }) }))} />
      </Form.Item>
      <Form.Item name="reason" label={t('ticketActions.fields.reason')} rules={[{ required: true, whitespace: true, message: t('ticketActions.validation.required', { field: t('ticketActions.fields.reason') }) }]}>
        <Input.TextArea autoSize={TEXT_ROWS} maxLength={2000} data-testid="field-reason" />
      </Form.Item>
    </>
  );
}

/** The due time asked for: the current one (or now, if later) moved by the chosen hours. */
export function extensionUntil(dueAt: string | null, hours: number): string {
  const from = Math.max(dueAt ? Date.parse(dueAt) : 0, Date.now());
  return new Date(from + hours * 3_600_000).toISOString();
}
