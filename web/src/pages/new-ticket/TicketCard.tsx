import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Divider, Flex, Form, Input, Row, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CHANNELS, type FieldDefinition } from '../../api/domain';
import { categoriesQuery, serviceItemTreeQuery, type ServiceItemNode } from '../../api/new-ticket';
import { prioritiesQuery } from '../../api/queries';
import { useRefName, type Named } from '../../i18n/format';
import { ServiceItemFields } from './ServiceItemFields';
import { ServiceItemSelect } from './ServiceItemSelect';

interface TicketCardProps {
  submitting: boolean;
  onSubmit: () => void;
}

type Coded = Named & { id: string; code: string };

export function findServiceItem(nodes: readonly ServiceItemNode[] | undefined, id: string | undefined): ServiceItemNode | undefined {
  for (const node of nodes ?? []) {
    if (node.id === id) return node;
    const found = findServiceItem(node.children, id);
    if (found) return found;
  }
  return undefined;
}

/** Options searchable by name in either language and by code. */
export function searchable(items: readonly Coded[] | undefined, refName: (ref: Named) => string) {
  return (items ?? []).map((item) => ({ value: item.id, label: refName(item), search: `${item.name} ${item.nameEn ?? ''} ${item.code}` }));
}

/**
 * A new ticket: classification, title and description, the service item's form, and
 * "answered on the spot", in the order the Tab key walks them.
 */
export function TicketCard({ submitting, onSubmit }: TicketCardProps) {
  const { t } = useTranslation();
  const refName = useRefName();
  const categories = useQuery(categoriesQuery);
  const priorities = useQuery(prioritiesQuery);
  const tree = useQuery(serviceItemTreeQuery);
  const form = Form.useFormInstance();
  const serviceItem = Form.useWatch<string | undefined>('serviceItem', form);
  const answeredOnSpot = Form.useWatch<boolean | undefined>('answeredOnSpot', form) === true;
  const definitions: readonly FieldDefinition[] | undefined = findServiceItem(tree.data, serviceItem)?.fields;
  return (
    <Card size="small" title={t('newTicket.ticketCard')} data-testid="new-ticket-form">
      <Row gutter={12}>
        <Col span={6}>
          <Form.Item name="category" label={t('newTicket.category')} rules={[{ required: true, message: t('newTicket.categoryRequired') }]}>
            <Select
              options={searchable(categories.data, refName)}
              showSearch={{ optionFilterProp: 'search' }}
              loading={categories.isPending}
              placeholder={t('newTicket.select')}
              data-testid="category-select"
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="serviceItem" label={t('newTicket.serviceItem')} rules={[{ required: true, message: t('newTicket.serviceItemRequired') }]}>
            <ServiceItemSelect tree={tree.data} loading={tree.isPending} />
          </Form.Item>
        </Col>
        <Col span={5}>
          <Form.Item name="priority" label={t('newTicket.priority')} rules={[{ required: true, message: t('newTicket.priorityRequired') }]}>
            <Select options={searchable(priorities.data, refName)} showSearch={{ optionFilterProp: 'search' }} loading={priorities.isPending} />
          </Form.Item>
        </Col>
        <Col span={5}>
          <Form.Item name="channel" label={t('newTicket.channel')}>
            <Select options={CHANNELS.map((channel) => ({ value: channel, label: t(`channels.${channel}`) }))} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="title" label={t('newTicket.ticketTitle')}>
        <Input maxLength={200} placeholder={t('newTicket.ticketTitlePlaceholder')} autoComplete="off" />
      </Form.Item>
      <Form.Item name="description" label={t('newTicket.description')} rules={[{ required: true, whitespace: true, message: t('newTicket.descriptionRequired') }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={20_000} placeholder={t('newTicket.descriptionPlaceholder')} />
      </Form.Item>
      <Divider titlePlacement="start" plain style={{ margin: '4px 0 8px' }}>
        {t('newTicket.fieldsTitle')}
      </Divider>
      <ServiceItemFields definitions={definitions} />
      <Flex gap={12} align="center" style={{ margin: '4px 0 8px' }}>
        <Form.Item name="answeredOnSpot" valuePropName="checked" noStyle>
          <Switch id="answeredOnSpot" data-testid="answered-on-spot" />
        </Form.Item>
        <label htmlFor="answeredOnSpot">{t('newTicket.answeredOnSpot')}</label>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('newTicket.answeredOnSpotHint')}
        </Typography.Text>
      </Flex>
      {answeredOnSpot && (
        <Form.Item name="result" label={t('newTicket.result')} rules={[{ required: true, whitespace: true, message: t('newTicket.resultRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={20_000} placeholder={t('newTicket.resultPlaceholder')} />
        </Form.Item>
      )}
      <SubmitRow label={answeredOnSpot ? t('newTicket.submitAndClose') : t('newTicket.submit')} submitting={submitting} onSubmit={onSubmit} />
    </Card>
  );
}

export function SubmitRow({ label, submitting, onSubmit }: { label: string; submitting: boolean; onSubmit: () => void }) {
  const { t } = useTranslation();
  return (
    <Flex gap={12} align="center">
      <Button type="primary" loading={submitting} onClick={onSubmit} data-testid="new-ticket-submit">
        {label}
      </Button>
      <Typography.Text type="secondary" keyboard>
        {t('newTicket.shortcut')}
      </Typography.Text>
    </Flex>
  );
}
