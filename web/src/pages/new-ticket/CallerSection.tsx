import { ExportOutlined, PhoneOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Col, Flex, Form, Input, Radio, Row, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CustomerLookup, CustomerTicket } from '../../api/customers';
import { mayFindByPhone } from '../../api/domain';
import { useSession } from '../../auth/session';
import { PriorityTag, StatusTag } from '../../components/tags';
import { CustomerPicker } from '../customers/CustomerPicker';
import { phoneRule } from '../customers/customer-rules';
import { useCallerLookup } from './use-caller-lookup';
import type { TargetTicket } from './values';

interface CallerSectionProps {
  target: TargetTicket | null;
  onTarget: (target: TargetTicket | null) => void;
}

/**
 * The phone number first (autofocus; Enter looks it up), and beside it the screen pop: the
 * customer with tier and number as the API answers them, and their open tickets to add this
 * call to — one radio group, so the keyboard passes it with one Tab and picks with the arrows.
 */
export function CallerSection(props: CallerSectionProps) {
  const { session } = useSession();
  return session && !mayFindByPhone(session.user.role) ? <CustomerByName /> : <CallerByPhone {...props} />;
}

/**
 * For roles that see phone numbers masked (handlers): a number would tell whose it is, so the
 * customer is chosen by name, or a new one recorded by name alone.
 */
function CustomerByName() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const chosen = Form.useWatch<{ id: string; name: string } | null | undefined>('customer', form);
  return (
    <Row gutter={16}>
      <Col span={9}>
        <Form.Item name="customer" label={t('newTicket.customer')} extra={t('newTicket.customerByNameHint')}>
          <CustomerPicker
            value={chosen ?? null}
            onChange={(customer) => form.setFieldValue('customer', customer)}
            unavailable={() => null}
            placeholder={t('newTicket.customerByName')}
            testId="caller-customer-picker"
          />
        </Form.Item>
      </Col>
      {!chosen && (
        <Col span={15}>
          <Form.Item name="customerName" label={t('newTicket.newCustomerName')}>
            <Input prefix={<UserOutlined />} maxLength={100} />
          </Form.Item>
        </Col>
      )}
    </Row>
  );
}

function CallerByPhone({ target, onTarget }: CallerSectionProps) {
  const { t } = useTranslation();
  // Watched here, not by the page: a keystroke or the lookup's answer re-renders this section only.
  const phone = Form.useWatch<string | undefined>('phone', Form.useFormInstance());
  const { caller, isLooking, isError, lookUpNow, onPhoneTyped } = useCallerLookup(phone);
  return (
    <Row gutter={16}>
      <Col span={9}>
        <Form.Item name="phone" label={t('newTicket.phone')} extra={t('newTicket.phoneHint')} rules={[phoneRule(t)]}>
          <Input
            autoFocus
            prefix={<PhoneOutlined />}
            inputMode="tel"
            autoComplete="off"
            placeholder={t('newTicket.phonePlaceholder')}
            onInput={(event) => onPhoneTyped(event.currentTarget.value)}
            onPressEnter={(event) => {
              event.preventDefault();
              lookUpNow();
            }}
            data-testid="caller-phone"
          />
        </Form.Item>
      </Col>
      <Col span={15} aria-live="polite">
        {isLooking && (
          <Space style={{ paddingTop: 30 }}>
            <Spin size="small" />
            <Typography.Text type="secondary">{t('newTicket.lookingUp')}</Typography.Text>
          </Space>
        )}
        {isError && <Alert style={{ marginTop: 30 }} type="warning" showIcon title={t('newTicket.lookupFailed')} />}
        {caller === null && (
          <>
            <Alert type="info" showIcon title={t('newTicket.unknownCustomer')} style={{ marginBottom: 8 }} data-testid="caller-unknown" />
            <Form.Item name="customerName" label={t('newTicket.customerName')}>
              <Input prefix={<UserOutlined />} maxLength={100} placeholder={t('newTicket.customerNamePlaceholder')} />
            </Form.Item>
          </>
        )}
        {caller && <CustomerPanel caller={caller} target={target} onTarget={onTarget} />}
      </Col>
    </Row>
  );
}

function CustomerPanel({ caller, target, onTarget }: { caller: CustomerLookup; target: TargetTicket | null; onTarget: (target: TargetTicket | null) => void }) {
  const { t } = useTranslation();
  const { customer, openTickets } = caller;
  const matched = customer.phones.find((phone) => phone.id === caller.matchedIdentityId) ?? customer.phones.find((phone) => phone.primary);
  const pick = (id: string) => {
    const ticket = openTickets.find((candidate) => candidate.id === id);
    onTarget(ticket ? { id: ticket.id, number: ticket.number, title: ticket.title } : null);
  };
  return (
    <div data-testid="caller-customer" className="gd-caller">
      <Flex gap={8} align="center" wrap style={{ marginBottom: 6 }}>
        <UserOutlined />
        <Typography.Text strong style={{ fontSize: 16 }} data-testid="caller-name">
          {customer.name}
        </Typography.Text>
        {/* A new tab: the call and its form stay where they are. Out of the Tab order, which goes from the number to the open tickets. */}
        <Link to={`/customers/${customer.id}`} target="_blank" tabIndex={-1} title={t('newTicket.customerProfile')} data-testid="caller-profile">
          <ExportOutlined />
        </Link>
        {customer.tier && <Tag color="gold">{customer.tier}</Tag>}
        {matched && <Typography.Text type="secondary" data-testid="caller-number">{matched.number}</Typography.Text>}
        {customer.parent && <Typography.Text type="secondary">{t('newTicket.enterprise', { name: customer.parent.name })}</Typography.Text>}
        {customer.tags.map((tag) => (
          <Tag key={tag}>{tag}</Tag>
        ))}
        <Typography.Text type="secondary">{t('newTicket.recent', { count: caller.recentTickets.length })}</Typography.Text>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {openTickets.length ? t('newTicket.openTickets', { count: openTickets.length }) : t('newTicket.noOpenTickets')}
      </Typography.Text>
      <Radio.Group value={target?.id ?? 'new'} onChange={(event) => pick(String(event.target.value))} style={{ display: 'block' }} data-testid="caller-open-tickets">
        <Flex vertical gap={2} className="gd-caller-tickets">
          <Radio value="new">{t('newTicket.startNew')}</Radio>
          {openTickets.map((ticket) => (
            <Radio key={ticket.id} value={ticket.id}>
              <OpenTicketLabel ticket={ticket} />
            </Radio>
          ))}
        </Flex>
      </Radio.Group>
    </div>
  );
}

function OpenTicketLabel({ ticket }: { ticket: CustomerTicket }) {
  return (
    <span className="gd-open-ticket">
      <Typography.Text code>{ticket.number}</Typography.Text> <span className="gd-open-ticket-title">{ticket.title}</span> <StatusTag status={ticket.status} />
      <PriorityTag priority={ticket.priority} />
    </span>
  );
}
