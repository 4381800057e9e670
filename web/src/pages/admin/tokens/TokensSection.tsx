import { CopyOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createApiToken, revokeApiToken, type ApiToken, type CreatedApiToken } from '../../../api/admin-tokens';
import { useFormatDateTime } from '../../../i18n/format';
import { ADMIN_KEYS, tokensQuery } from '../admin-queries';
import { SectionHeader } from '../common';
import { useAdminAction, useAdminForm } from '../use-admin-form';

/**
 * API 令牌: the signed-in administrator's own tokens for scripts and integrations
 * (`Authorization: Bearer …`). The secret is shown once, when it is made; revoking one ends it at once.
 */
export default function TokensSection() {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const tokens = useQuery(tokensQuery);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const revoke = useAdminAction((id: string) => revokeApiToken(id), [ADMIN_KEYS.tokens]);

  const columns: TableProps<ApiToken>['columns'] = [
    { key: 'name', title: t('admin.common.name'), dataIndex: 'name' },
    { key: 'prefix', title: t('admin.tokens.prefix'), width: 160, render: (_, token) => <Typography.Text code>{`${token.prefix}…`}</Typography.Text> },
    { key: 'createdAt', title: t('admin.tokens.createdAt'), width: 170, render: (_, token) => formatDateTime(token.createdAt) },
    { key: 'lastUsedAt', title: t('admin.tokens.lastUsedAt'), width: 170, render: (_, token) => (token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t('admin.tokens.never')) },
    {
      key: 'state',
      title: t('admin.common.state'),
      width: 170,
      render: (_, token) => (token.revokedAt ? <Tag>{t('admin.tokens.revokedAt', { time: formatDateTime(token.revokedAt) })}</Tag> : <Tag color="success">{t('admin.common.active')}</Tag>),
    },
    {
      key: 'actions',
      title: t('admin.common.actions'),
      width: 110,
      render: (_, token) =>
        !token.revokedAt && (
          <Popconfirm title={t('admin.tokens.revokeConfirm', { name: token.name })} onConfirm={() => revoke.mutate(token.id)}>
            <Button type="link" size="small" danger>
              {t('admin.tokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <SectionHeader
        title={t('admin.sections.tokens')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('admin.tokens.create')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">{t('admin.tokens.help')}</Typography.Paragraph>
      <Table<ApiToken> rowKey="id" size="middle" loading={tokens.isPending} columns={columns} dataSource={tokens.data ?? []} pagination={{ pageSize: 50, hideOnSinglePage: true }} data-testid="tokens-table" />
      {creating && (
        <NewTokenForm
          onClose={() => setCreating(false)}
          onCreated={(token) => {
            setCreating(false);
            setCreated(token);
          }}
        />
      )}
      {created && <CreatedToken token={created} onClose={() => setCreated(null)} />}
    </>
  );
}

function NewTokenForm({ onClose, onCreated }: { onClose: () => void; onCreated: (token: CreatedApiToken) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string }>();
  const save = useAdminForm(form, (values: { name: string }) => createApiToken(values.name), { invalidate: [ADMIN_KEYS.tokens], onSuccess: onCreated });
  return (
    <Modal open title={t('admin.tokens.create')} okText={t('admin.tokens.createOk')} cancelText={t('admin.common.cancel')} confirmLoading={save.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(values) => save.mutate(values)}>
        <Form.Item name="name" label={t('admin.tokens.name')} extra={t('admin.tokens.nameHelp')} rules={[{ required: true, whitespace: true, message: t('admin.validation.required') }, { max: 100, message: t('admin.validation.max', { count: 100 }) }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The secret, once: with a copy button and the warning that it cannot be shown again. */
function CreatedToken({ token, onClose }: { token: CreatedApiToken; onClose: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(token.token);
    setCopied(true);
  };
  return (
    <Modal
      open
      title={t('admin.tokens.createdTitle', { name: token.name })}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('admin.tokens.done')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t('admin.tokens.onceWarning')} style={{ marginBottom: 12 }} />
      <Space.Compact style={{ width: '100%' }}>
        <Input readOnly value={token.token} data-testid="new-token" onFocus={(event) => event.target.select()} />
        <Button icon={<CopyOutlined />} onClick={() => void copy().catch(() => setCopied(false))}>
          {copied ? t('admin.tokens.copied') : t('admin.tokens.copy')}
        </Button>
      </Space.Compact>
    </Modal>
  );
}
