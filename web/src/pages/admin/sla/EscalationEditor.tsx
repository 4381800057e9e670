import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, InputNumber, Select, Space, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { ACTION_TYPES, type ActionType } from '../../../api/admin-sla';
import type { SlaTarget } from '../../../api/domain';
import { useRefName } from '../../../i18n/format';
import { adminDepartmentsQuery, adminPrioritiesQuery, allUsersQuery } from '../admin-queries';
import { RecipientSelect } from './RecipientSelect';

const MAX_LEVELS = 10;
const MAX_ACTIONS = 10;

/**
 * 升级链: the levels that fire once the target is breached, each after its delay from the previous
 * one (the first: from the breach), each doing one or more actions.
 */
export function EscalationEditor({ form, target }: { form: FormInstance; target: SlaTarget }) {
  const { t } = useTranslation();
  return (
    <Form.List name={['targets', target, 'escalation']}>
      {(levels, { add, remove }) => (
        <div data-testid={`escalation-${target}`}>
          {levels.map((level, index) => (
            <Card
              key={level.key}
              size="small"
              type="inner"
              style={{ marginBottom: 8 }}
              title={t('admin.sla.level', { n: index + 1 })}
              extra={<Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={() => remove(level.name)} aria-label={t('admin.sla.removeLevel')} />}
            >
              <Form.Item
                layout="horizontal"
                name={[level.name, 'afterMinutes']}
                label={index === 0 ? t('admin.sla.afterBreach') : t('admin.sla.afterPrevious')}
                rules={[{ required: true, message: t('admin.validation.required') }]}
              >
                <InputNumber min={0} max={525_600} precision={0} suffix={t('admin.sla.minutesUnit')} style={{ width: 180 }} />
              </Form.Item>
              <ActionsList form={form} target={target} level={level.name} />
            </Card>
          ))}
          {levels.length < MAX_LEVELS && (
            <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ afterMinutes: 30, actions: [{ type: 'notify', recipients: ['supervisors'] }] })}>
              {t('admin.sla.addLevel')}
            </Button>
          )}
        </div>
      )}
    </Form.List>
  );
}

function ActionsList({ form, target, level }: { form: FormInstance; target: SlaTarget; level: number }) {
  const { t } = useTranslation();
  return (
    <Form.List name={[level, 'actions']} rules={[{ validator: async (_, actions?: unknown[]) => (actions?.length ? undefined : Promise.reject(new Error(t('admin.sla.actionRequired')))) }]}>
      {(actions, { add, remove }, { errors }) => (
        <>
          {actions.map((action) => (
            <Space key={action.key} align="start" wrap style={{ display: 'flex' }}>
              <Form.Item name={[action.name, 'type']} style={{ marginBottom: 8, width: 150 }}>
                <Select options={ACTION_TYPES.map((type) => ({ value: type, label: t(`admin.sla.actions.${type}`) }))} />
              </Form.Item>
              <ActionFields form={form} path={['targets', target, 'escalation', level, 'actions', action.name]} name={action.name} />
              <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(action.name)} aria-label={t('admin.sla.removeAction')} />
            </Space>
          ))}
          {actions.length < MAX_ACTIONS && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => add({ type: 'notify', recipients: ['supervisors'] })}>
              {t('admin.sla.addAction')}
            </Button>
          )}
          <Form.ErrorList errors={errors} />
        </>
      )}
    </Form.List>
  );
}

/** The settings of one action, by its type. */
function ActionFields({ form, path, name }: { form: FormInstance; path: Array<string | number>; name: number }) {
  const { t } = useTranslation();
  const refName = useRefName();
  const type = Form.useWatch([...path, 'type'], form) as ActionType | undefined;
  const priorities = useQuery(adminPrioritiesQuery);
  const departments = useQuery(adminDepartmentsQuery);
  const users = useQuery(allUsersQuery);
  const required = { required: true, message: t('admin.validation.required') };
  // Only active ones can be chosen; the one the action already names stays listed, marked, once deactivated.
  const choices = <T extends { id: string; active: boolean }>(list: T[] | undefined, field: string, label: (entry: T) => string) => {
    const current = form.getFieldValue([...path, field]) as string | undefined;
    return (list ?? [])
      .filter((entry) => entry.active || entry.id === current)
      .map((entry) => ({ value: entry.id, label: entry.active ? label(entry) : t('admin.common.inactiveName', { name: label(entry) }) }));
  };
  if (type === 'notify') {
    return (
      <Form.Item name={[name, 'recipients']} rules={[required]} style={{ marginBottom: 8, width: 360 }}>
        <RecipientSelect />
      </Form.Item>
    );
  }
  if (type === 'setPriority') {
    return (
      <Form.Item name={[name, 'priority']} rules={[required]} style={{ marginBottom: 8, width: 200 }}>
        <Select placeholder={t('admin.sla.priority')} options={choices(priorities.data, 'priority', refName)} />
      </Form.Item>
    );
  }
  if (type === 'reassign') {
    const needOne = {
      validator: async () => {
        const department = form.getFieldValue([...path, 'department']) as string | undefined;
        const user = form.getFieldValue([...path, 'user']) as string | undefined;
        if (!department && !user) throw new Error(t('admin.sla.reassignRule'));
      },
    };
    return (
      <Space align="start">
        <Form.Item name={[name, 'department']} rules={[needOne]} style={{ marginBottom: 8, width: 180 }}>
          <Select allowClear placeholder={t('admin.sla.department')} options={choices(departments.data, 'department', refName)} />
        </Form.Item>
        <Form.Item name={[name, 'user']} style={{ marginBottom: 8, width: 180 }}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('admin.sla.user')} options={choices(users.data, 'user', (u) => u.displayName)} />
        </Form.Item>
      </Space>
    );
  }
  return null;
}
