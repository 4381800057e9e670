import { Button, Card, Form, Input, Modal, Space, Tag, Typography, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Small pieces every administration section uses. */

export function ActiveTag({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return <Tag color={active ? 'success' : 'default'}>{active ? t('admin.common.active') : t('admin.common.inactive')}</Tag>;
}

/** A section's title with its tools (search, filters, "create") on the right. */
export function SectionHeader({ title, extra }: { title: string; extra?: ReactNode }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 16, marginBottom: 16, flexWrap: 'wrap' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      <Space wrap>{extra}</Space>
    </div>
  );
}

/** Case-insensitive match of a search text against some of a row's texts. */
export function matches(search: string, ...texts: Array<string | null | undefined>): boolean {
  const needle = search.trim().toLowerCase();
  return needle === '' || texts.some((text) => text?.toLowerCase().includes(needle));
}

/** The codes the server accepts for categories, priorities, departments and service items. */
export const CODE_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

/** Trimmed text, or undefined when empty: optional English names are left out rather than sent blank. */
export const optionalText = (value: string | null | undefined) => (value?.trim() ? value.trim() : undefined);

interface SaveModalProps {
  title: string;
  saving: boolean;
  /** submits the form inside (`form.submit()`) */
  onSave: () => void;
  onClose: () => void;
  width?: number;
  children: ReactNode;
}

/** The dialog every create and edit form of the administration opens in: save and cancel. */
export function SaveModal({ title, saving, onSave, onClose, width, children }: SaveModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      width={width}
      title={title}
      okText={t('admin.common.save')}
      cancelText={t('admin.common.cancel')}
      confirmLoading={saving}
      onOk={onSave}
      onCancel={onClose}
      destroyOnHidden
    >
      {children}
    </Modal>
  );
}

/** Code (fixed once created), Chinese name and English name: the first fields of every reference-data form. */
export function CodeAndNameFields({ codeLocked }: { codeLocked: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="code" label={t('admin.common.code')} rules={[{ required: true, message: t('admin.validation.required') }, { pattern: CODE_PATTERN, message: t('admin.validation.code') }]}>
        <Input disabled={codeLocked} />
      </Form.Item>
      <Form.Item name="name" label={t('admin.common.name')} rules={[{ required: true, whitespace: true, message: t('admin.validation.required') }, { max: 100, message: t('admin.validation.max', { count: 100 }) }]}>
        <Input />
      </Form.Item>
      <Form.Item name="nameEn" label={t('admin.common.nameEn')} rules={[{ max: 100, message: t('admin.validation.max', { count: 100 }) }]}>
        <Input />
      </Form.Item>
    </>
  );
}

interface SettingCardProps<V> {
  title: string;
  form: FormInstance<V>;
  onSave: (values: V) => void;
  saving: boolean;
  help: string;
  /** name the form and its save button for the browser tests */
  testId: string;
  saveTestId: string;
  children: ReactNode;
}

/** An organisation setting on an administration page: its fields in a row, a save button and a line of help. */
export function SettingCard<V>({ title, form, onSave, saving, help, testId, saveTestId, children }: SettingCardProps<V>) {
  const { t } = useTranslation();
  return (
    <Card size="small" style={{ marginBottom: 16 }} title={title}>
      <Form form={form} layout="inline" onFinish={onSave} data-testid={testId}>
        {children}
        <Button htmlType="submit" loading={saving} data-testid={saveTestId}>
          {t('admin.common.save')}
        </Button>
      </Form>
      <Space style={{ marginTop: 8 }}>
        <Typography.Text type="secondary">{help}</Typography.Text>
      </Space>
    </Card>
  );
}
