import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, InputNumber, Select, Space, Switch, Typography, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SlaTarget } from '../../../api/domain';
import { useFormatDuration, useRefName } from '../../../i18n/format';
import { adminDepartmentsQuery } from '../admin-queries';
import { EscalationEditor } from './EscalationEditor';
import { RecipientSelect } from './RecipientSelect';

const MAX_MINUTES = 525_600;
/** The server takes at most ten warning points of each kind (src/sla/http/sla-policies.routes.ts). */
const MAX_WARNINGS = 10;

/** One clock of the policy (first response, step, handling, reply, whole ticket): on or off, and when on its limit, warnings, who is told and its escalation chain. */
export function TargetEditor({ form, target }: { form: FormInstance; target: SlaTarget }) {
  const { t } = useTranslation();
  const duration = useFormatDuration();
  const enabled = Form.useWatch(['targets', target, 'enabled'], form) as boolean | undefined;
  const minutes = Form.useWatch(['targets', target, 'minutes'], form) as number | null | undefined;
  const businessTime = Form.useWatch(['targets', target, 'businessTime'], form) as boolean | undefined;
  const at = (name: string) => ['targets', target, name];
  const numbersIn = (min: number, max: number, message: string) => ({
    validator: async (_: unknown, values?: Array<string | number>) => {
      if ((values ?? []).some((v) => !/^\d+$/.test(String(v)) || Number(v) < min || Number(v) > max)) throw new Error(message);
    },
  });
  const beforeDue = {
    validator: async (_: unknown, values?: Array<string | number>) => {
      if (typeof minutes === 'number' && (values ?? []).some((v) => Number(v) >= minutes)) throw new Error(t('admin.sla.beforeDueRule'));
    },
  };
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid={`target-${target}`}
      title={
        <Space>
          <Form.Item name={at('enabled')} valuePropName="checked" noStyle>
            <Switch size="small" aria-label={t(`sla.targets.${target}`)} />
          </Form.Item>
          {t(`sla.targets.${target}`)}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>
            {t(`admin.sla.targetHelp.${target}`)}
          </Typography.Text>
        </Space>
      }
    >
      {!enabled ? (
        <Typography.Text type="secondary">{t('admin.sla.targetOff')}</Typography.Text>
      ) : (
        <>
          <Space wrap align="start" size={[16, 0]}>
            <Form.Item name={at('minutes')} label={t('admin.sla.minutes')} rules={[{ required: true, message: t('admin.validation.required') }]} extra={typeof minutes === 'number' && minutes > 0 ? duration(minutes, { businessTime }) : undefined}>
              <InputNumber min={1} max={MAX_MINUTES} precision={0} suffix={t('admin.sla.minutesUnit')} style={{ width: 160 }} data-testid={`minutes-${target}`} />
            </Form.Item>
            <Form.Item name={at('businessTime')} label={t('admin.sla.businessTime')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name={at('pauseWhileWaiting')} label={t('admin.sla.pauseWhileWaiting')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name={at('percent')} label={t('admin.sla.warnPercent')} rules={[numbersIn(1, 99, t('admin.sla.percentRule'))]} style={{ width: 180 }}>
              <Select mode="tags" open={false} suffixIcon="%" maxCount={MAX_WARNINGS} />
            </Form.Item>
            <Form.Item name={at('minutesBefore')} label={t('admin.sla.warnBefore')} dependencies={[at('minutes')]} rules={[numbersIn(1, MAX_MINUTES, t('admin.sla.minutesRule')), beforeDue]} style={{ width: 200 }}>
              <Select mode="tags" open={false} maxCount={MAX_WARNINGS} />
            </Form.Item>
          </Space>
          <Form.Item name={at('notify')} label={t('admin.sla.notify')}>
            <RecipientSelect />
          </Form.Item>
          {target === 'step' && <ByDepartment />}
          <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
            {t('admin.sla.escalation')}
          </Typography.Text>
          <EscalationEditor form={form} target={target} />
        </>
      )}
    </Card>
  );
}

/** The step target's own limits per department (a department's step may take longer). */
function ByDepartment() {
  const { t } = useTranslation();
  const refName = useRefName();
  const departments = useQuery(adminDepartmentsQuery);
  return (
    <Form.List name={['targets', 'step', 'byDepartment']}>
      {(rows, { add, remove }) => (
        <div style={{ marginBottom: 12 }}>
          <Typography.Text style={{ display: 'block', marginBottom: 4 }}>{t('admin.sla.byDepartment')}</Typography.Text>
          {rows.map((row) => (
            <Space key={row.key} align="start">
              <Form.Item name={[row.name, 'department']} rules={[{ required: true, message: t('admin.validation.required') }]} style={{ marginBottom: 4, width: 200 }}>
                <Select options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.active ? refName(d) : t('admin.common.inactiveName', { name: refName(d) }) }))} />
              </Form.Item>
              <Form.Item name={[row.name, 'minutes']} rules={[{ required: true, message: t('admin.validation.required') }]} style={{ marginBottom: 4 }}>
                <InputNumber min={1} max={MAX_MINUTES} precision={0} suffix={t('admin.sla.minutesUnit')} style={{ width: 150 }} />
              </Form.Item>
              <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(row.name)} aria-label={t('admin.formBuilder.remove')} />
            </Space>
          ))}
          <div>
            <Button size="small" icon={<PlusOutlined />} onClick={() => add({ department: undefined, minutes: 240 })}>
              {t('admin.sla.addDepartmentLimit')}
            </Button>
          </div>
        </div>
      )}
    </Form.List>
  );
}
