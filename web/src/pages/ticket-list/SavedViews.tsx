import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Popconfirm, Radio, Select, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { departmentsQuery, viewsQuery } from '../../api/queries';
import { createView, deleteView, manageRefusal, VIEW_SCOPES, type SavedView, type ViewFilters, type ViewScope } from '../../api/views';
import { useRefName } from '../../i18n/format';
import { useSession } from '../../auth/session';

interface SavedViewsProps {
  /** the view in use (`?view=`), or null */
  current: string | null;
  /** what "save as view" keeps: the list's present request */
  filters: ViewFilters;
  onChoose: (viewId: string | null) => void;
}

/** The saved-view picker (with each view's count), "save as view" and deleting one's own view. */
export function SavedViews({ current, filters, onChoose }: SavedViewsProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const views = useQuery(viewsQuery);
  const [saving, setSaving] = useState(false);
  const chosen = views.data?.find((view) => view.id === current) ?? null;

  const remove = useMutation({
    mutationFn: deleteView,
    onSuccess: async () => {
      message.success(t('ticketList.views.removed'));
      onChoose(null);
      await queryClient.invalidateQueries({ queryKey: viewsQuery.queryKey });
    },
  });

  return (
    <Space.Compact>
      <Select<string>
        allowClear
        aria-label={t('ticketList.views.label')}
        placeholder={t('ticketList.views.label')}
        data-testid="view-select"
        style={{ width: 220 }}
        loading={views.isPending}
        value={current ?? undefined}
        onChange={(value) => onChoose(value ?? null)}
        options={(views.data ?? []).map((view) => ({ value: view.id, label: <ViewLabel view={view} /> }))}
        popupMatchSelectWidth={280}
      />
      <Tooltip title={t('ticketList.views.saveTitle')}>
        <Button icon={<SaveOutlined />} onClick={() => setSaving(true)} data-testid="view-save">
          {t('ticketList.views.save')}
        </Button>
      </Tooltip>
      {chosen?.mayChange && (
        <Popconfirm title={t('ticketList.views.removeConfirm', { name: chosen.name })} onConfirm={() => remove.mutate(chosen.id)}>
          <Button icon={<DeleteOutlined />} aria-label={t('ticketList.views.remove')} loading={remove.isPending} />
        </Popconfirm>
      )}
      {saving && (
        <SaveViewModal
          filters={filters}
          onClose={() => setSaving(false)}
          onSaved={(view) => {
            setSaving(false);
            onChoose(view.id);
          }}
        />
      )}
    </Space.Compact>
  );
}

function ViewLabel({ view }: { view: SavedView }) {
  const { t } = useTranslation();
  const count =
    view.count === null ? null : t(view.countCapped ? 'ticketList.views.countCapped' : 'ticketList.views.count', { count: view.count });
  return (
    <span style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
      <span className="gd-ellipsis">{view.name}</span>
      {count && <span className="gd-secondary">{count}</span>}
    </span>
  );
}

interface SaveViewValues {
  name: string;
  scope: ViewScope;
  department?: string;
}

function SaveViewModal({ filters, onClose, onSaved }: { filters: ViewFilters; onClose: () => void; onSaved: (view: SavedView) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const refName = useRefName();
  const departments = useQuery(departmentsQuery);
  const user = useSession().session?.user;
  // Offered only where the server would let this user share (supervisors their own departments, administrators any and everyone).
  const actor = user ? { id: user.id, role: user.role, departmentIds: user.departments } : null;
  const mayShare = (scope: ViewScope, departmentId: string | null) => actor !== null && manageRefusal(actor, { scope, ownerId: actor.id, departmentId }) === null;
  const shareable = (departments.data ?? []).filter((d) => d.active && mayShare('department', d.id));
  const scopes = VIEW_SCOPES.filter((scope) => (scope === 'department' ? shareable.length > 0 : mayShare(scope, null)));
  const [form] = Form.useForm<SaveViewValues>();
  const scope = Form.useWatch('scope', form);
  const save = useMutation({
    mutationFn: (values: SaveViewValues) => createView({ ...values, filters }),
    onSuccess: async (view) => {
      message.success(t('ticketList.views.saved', { name: view.name }));
      await queryClient.invalidateQueries({ queryKey: viewsQuery.queryKey });
      onSaved(view);
    },
  });
  return (
    <Modal open title={t('ticketList.views.saveTitle')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
      <Form<SaveViewValues> form={form} layout="vertical" initialValues={{ scope: 'personal' }} onFinish={(values) => save.mutate(values)}>
        <Form.Item name="name" label={t('ticketList.views.name')} rules={[{ required: true, whitespace: true, message: t('ticketList.views.nameRequired') }]}>
          <Input autoFocus maxLength={100} data-testid="view-name" />
        </Form.Item>
        <Form.Item name="scope" label={t('ticketList.views.scope')}>
          <Radio.Group options={scopes.map((value) => ({ value, label: t(`ticketList.views.scopes.${value}`) }))} />
        </Form.Item>
        {scope === 'department' && (
          <Form.Item name="department" label={t('ticketList.views.department')} rules={[{ required: true, message: t('ticketList.views.departmentRequired') }]}>
            <Select options={shareable.map((d) => ({ value: d.id, label: refName(d) }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
