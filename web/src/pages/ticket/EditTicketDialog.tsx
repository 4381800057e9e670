import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Col, Divider, Form, Input, Modal, Row, Select, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import type { FieldDefinition } from '../../api/domain';
import { describeFieldIssue } from '../../errors/describe-error';
import { categoriesQuery, serviceItemTreeQuery } from '../../api/new-ticket';
import { prioritiesQuery } from '../../api/queries';
import { getServiceItem, type ServiceItemNode } from '../../api/reference';
import { updateTicket, type TicketUpdate } from '../../api/ticket-actions';
import type { TicketDetail } from '../../api/tickets';
import { useRefName } from '../../i18n/format';
import { useOrgTimeZone } from '../../i18n/org-time';
import { isoToLocalInput } from '../../i18n/zone-clock';
import { submittedFields, type FormFieldValue } from '../new-ticket/field-rules';
import { ServiceItemFields } from '../new-ticket/ServiceItemFields';
import { ServiceItemSelect } from '../new-ticket/ServiceItemSelect';
import { findServiceItem, searchable } from '../new-ticket/TicketCard';
import { useTicketChanged } from './use-ticket-refresh';

interface EditValues {
  category: string;
  serviceItem: string;
  priority: string;
  title: string;
  description: string;
  fields?: Record<string, FormFieldValue>;
}

/** What was typed over the ticket's values and not saved yet, kept by the page while the dialog is closed. */
export type EditDraft = Partial<EditValues>;

interface EditTicketDialogProps {
  ticket: TicketDetail;
  open: boolean;
  draft: { current: EditDraft | null };
  onClose: () => void;
}

/**
 * 编辑 / 核实分类: correct a ticket's classification, title, description and its service item's
 * form (PATCH /tickets/{id}, guarded by the version). A ticket created with the intake defaults
 * (待核实分类) is confirmed by saving its classification, changed or not.
 */
export function EditTicketDialog({ ticket, open, draft, onClose }: EditTicketDialogProps) {
  const { t } = useTranslation();
  const refName = useRefName();
  const changed = useTicketChanged();
  const timeZone = useOrgTimeZone();
  const categories = useQuery(categoriesQuery);
  const priorities = useQuery(prioritiesQuery);
  const tree = useQuery(serviceItemTreeQuery);
  // The ticket's own item, even one deleted since (the catalog tree lists active ones only): its
  // form is the ticket's. Without it the dialog read the form as empty and saving erased the values.
  const own = useQuery({ queryKey: ['reference', 'service-item', ticket.serviceItem.id], queryFn: ({ signal }) => getServiceItem(ticket.serviceItem.id, signal), enabled: open });
  const [form] = Form.useForm<EditValues>();
  const serviceItem = Form.useWatch<string | undefined>('serviceItem', form);
  const choices: ServiceItemNode[] | undefined =
    own.data && tree.data && !findServiceItem(tree.data, own.data.id) ? [...tree.data, { ...own.data, children: [] }] : tree.data;
  const definitions: readonly FieldDefinition[] | undefined = serviceItem === ticket.serviceItem.id ? own.data?.fields : findServiceItem(tree.data, serviceItem)?.fields;
  const initialDefinitions = own.data?.fields ?? [];
  const initialFields = Object.fromEntries(
    // A stored date-time shows as the organisation's wall clock, as the new-ticket form takes it.
    Object.entries(ticket.fields).map(([key, value]) => [
      key,
      initialDefinitions.find((d) => d.key === key)?.type === 'datetime' && typeof value === 'string' ? isoToLocalInput(value, timeZone) : value,
    ]),
  );
  const fromTicket: EditValues = {
    category: ticket.category.id,
    serviceItem: ticket.serviceItem.id,
    priority: ticket.priority.id,
    title: ticket.title,
    description: ticket.description,
    fields: initialFields,
  };
  // Closed half-done, the dialog opens again as it was left, like the action forms; only what was
  // typed is kept, so the rest shows the ticket as it is now rather than undoing a colleague's edit.
  const close = () => {
    if (!own.isPending) draft.current = typedOver(fromTicket, form.getFieldsValue(true));
    onClose();
  };

  const save = useMutation({
    // A form whose definitions are not known is not sent: sending it empty would erase its values.
    mutationFn: (values: EditValues) => updateTicket(ticket, changesOf(ticket, values, definitions ? submittedFields(definitions, values.fields, timeZone) : null)),
    onSuccess: (updated) => {
      draft.current = null;
      changed(updated, t('ticketActions.edit.saved'));
      onClose();
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      const fields = error.fieldIssues.map((issue) => {
        const [head, key] = issue.field.split('.');
        const name = head === 'fields' && key ? (['fields', key] as ['fields', string]) : (head as keyof EditValues);
        return { name, errors: [describeFieldIssue(issue, t, error.code)] };
      });
      if (fields.length > 0) form.setFields(fields);
    },
  });

  return (
    <Modal
      open={open}
      title={t('ticketActions.edit.title', { number: ticket.number })}
      width={760}
      onCancel={close}
      onOk={() => form.submit()}
      okText={t('ticketActions.edit.save')}
      confirmLoading={save.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'edit-save' } as Record<string, string>}
    >
      {ticket.needsTriage && <Alert type="warning" showIcon title={t('ticketActions.edit.triageHint')} style={{ marginBottom: 12 }} />}
      {/* The form reads its initial values once: only when the ticket's own form is here. */}
      {own.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <Form<EditValues>
          form={form}
          layout="vertical"
          data-testid="edit-ticket-form"
          initialValues={{ ...fromTicket, ...draft.current, fields: { ...fromTicket.fields, ...draft.current?.fields } }}
          onFinish={(values) => save.mutate(values)}
        >
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item name="category" label={t('newTicket.category')} rules={[{ required: true, message: t('newTicket.categoryRequired') }]}>
                <Select options={searchable(categories.data, refName)} showSearch={{ optionFilterProp: 'search' }} data-testid="edit-category" />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item name="serviceItem" label={t('newTicket.serviceItem')} rules={[{ required: true, message: t('newTicket.serviceItemRequired') }]}>
                <ServiceItemSelect tree={choices} loading={tree.isPending} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="priority" label={t('newTicket.priority')} rules={[{ required: true, message: t('newTicket.priorityRequired') }]}>
                <Select options={searchable(priorities.data, refName)} showSearch={{ optionFilterProp: 'search' }} data-testid="edit-priority" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="title" label={t('newTicket.ticketTitle')} rules={[{ required: true, whitespace: true, message: t('ticketActions.edit.titleRequired') }]}>
            <Input maxLength={200} data-testid="edit-title" />
          </Form.Item>
          <Form.Item name="description" label={t('newTicket.description')} rules={[{ required: true, whitespace: true, message: t('newTicket.descriptionRequired') }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={20_000} />
          </Form.Item>
          <Divider titlePlacement="start" plain style={{ margin: '4px 0 8px' }}>
            {t('newTicket.fieldsTitle')}
          </Divider>
          <ServiceItemFields definitions={definitions} />
        </Form>
      )}
    </Modal>
  );
}

/** The values that differ from the ticket's, the service item's form field by field. */
function typedOver(before: EditValues, now: EditValues): EditDraft {
  const typed: EditDraft = {};
  for (const key of ['category', 'serviceItem', 'priority', 'title', 'description'] as const) if (now[key] !== before[key]) typed[key] = now[key];
  const fields = Object.entries(now.fields ?? {}).filter(([key, value]) => value !== before.fields?.[key]);
  if (fields.length > 0) typed.fields = Object.fromEntries(fields);
  return typed;
}

/**
 * Only what changed, so a colleague's edit of another field is not overwritten; the
 * classification always when the ticket awaits triage, as saving it is the confirmation.
 */
function changesOf(ticket: TicketDetail, values: EditValues, fields: Record<string, string | number> | null): TicketUpdate {
  const body: TicketUpdate = {};
  if (values.title.trim() !== ticket.title) body.title = values.title.trim();
  if (values.description.trim() !== ticket.description) body.description = values.description.trim();
  const classify = ticket.needsTriage;
  if (classify || values.category !== ticket.category.id) body.category = values.category;
  if (classify || values.serviceItem !== ticket.serviceItem.id) body.serviceItem = values.serviceItem;
  if (classify || values.priority !== ticket.priority.id) body.priority = values.priority;
  if (fields === null) return body;
  const sameFields = JSON.stringify(fields) === JSON.stringify(ticket.fields);
  if (!sameFields || body.serviceItem !== undefined) body.fields = fields;
  return body;
}
