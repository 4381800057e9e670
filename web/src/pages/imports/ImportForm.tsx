import { CloudUploadOutlined, DownloadOutlined, FileTextOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Col, Flex, Form, Radio, Row, Select, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import {
  downloadTemplate,
  FILE_REFUSAL_CODES,
  ON_DUPLICATE,
  uploadImport,
  type ImportJob,
  type ImportKind,
  type ImportOptions,
  type OnDuplicate,
  type RequestedEncoding,
} from '../../api/imports';
import { IMPORTS_KEY } from '../../api/queries';
import { useFileLanguage } from '../../i18n';
import { FileRefusal, type RetryPatch } from './FileRefusal';

type EncodingChoice = 'auto' | RequestedEncoding;

interface Refusal {
  error: ApiError;
  options: ImportOptions;
}

const isFileRefusal = (error: unknown): error is ApiError => error instanceof ApiError && (FILE_REFUSAL_CODES as readonly string[]).includes(error.code);

/**
 * What to import and how: the kind (only those the role may import), the CSV file (read in the
 * browser and sent as the body), the encoding (detected, or GBK for Excel's "CSV" on a Chinese
 * Windows), a dry run, what to do with customers who exist already, unknown columns; the template
 * of the kind. A refused file is explained here, with the columns it names.
 */
export function ImportForm({ kinds, kind, onKindChange, onUploaded }: { kinds: readonly ImportKind[]; kind: ImportKind; onKindChange: (kind: ImportKind) => void; onUploaded: (job: ImportJob) => void }) {
  const { t } = useTranslation();
  const fileLanguage = useFileLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [encoding, setEncoding] = useState<EncodingChoice>('auto');
  const [dryRun, setDryRun] = useState(false);
  const [onDuplicate, setOnDuplicate] = useState<OnDuplicate>('error');
  const [ignoreUnknownColumns, setIgnoreUnknownColumns] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  const upload = useMutation({
    mutationFn: ({ file: chosen, options }: { file: File; options: ImportOptions }) => uploadImport(chosen, options),
    // A refused file is explained in the form, with its columns; anything else goes to the notifier.
    meta: { quietCodes: FILE_REFUSAL_CODES },
    onMutate: () => setRefusal(null),
    onSuccess: (job, { options }) => {
      void message.success(t(options.dryRun ? 'imports.form.uploadedDryRun' : 'imports.form.uploaded', { name: job.fileName }));
      onUploaded(job);
      // A dry run's file stays chosen, to be imported for real next.
      if (!options.dryRun) setFile(null);
      void queryClient.invalidateQueries({ queryKey: IMPORTS_KEY });
    },
    onError: (error, { options }) => {
      if (isFileRefusal(error)) setRefusal({ error, options });
    },
  });

  const template = useMutation({
    mutationFn: () => downloadTemplate(kind, fileLanguage),
    onSuccess: (name) => void message.success(t('imports.actions.downloaded', { name })),
  });

  const send = (patch: RetryPatch = {}) => {
    if (!file) return;
    if (patch.ignoreUnknownColumns) setIgnoreUnknownColumns(true);
    if (patch.encoding) setEncoding(patch.encoding);
    const chosenEncoding = patch.encoding ?? encoding;
    const options: ImportOptions = {
      kind,
      dryRun,
      encoding: chosenEncoding === 'auto' ? undefined : chosenEncoding,
      onDuplicate: kind === 'customers' ? onDuplicate : undefined,
      ignoreUnknownColumns: patch.ignoreUnknownColumns ?? ignoreUnknownColumns,
    };
    upload.mutate({ file, options });
  };

  const choose = (chosen: File | null) => {
    setFile(chosen);
    setRefusal(null);
  };

  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="import-form">
      <Form layout="vertical" component="div" requiredMark={false}>
        <Row gutter={24}>
          <Col xs={24} lg={11}>
            <Form.Item label={t('imports.form.kind')} style={{ marginBottom: 12 }}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                value={kind}
                onChange={(event) => {
                  onKindChange(event.target.value as ImportKind);
                  setRefusal(null);
                }}
                options={kinds.map((value) => ({ value, label: t(`imports.kinds.${value}`) }))}
                data-testid="import-kind"
              />
            </Form.Item>
            <Form.Item label={t('imports.form.file')} style={{ marginBottom: 4 }}>
              <div data-testid="import-file">
                <Upload.Dragger
                  accept=".csv,.txt,text/csv,text/plain"
                  multiple={false}
                  maxCount={1}
                  // Nothing is sent on choosing: the file is read and sent by 导入, with the options.
                  beforeUpload={(chosen) => {
                    choose(chosen);
                    return false;
                  }}
                  onRemove={() => choose(null)}
                  fileList={file ? [{ uid: 'chosen', name: file.name, size: file.size, status: 'done' }] : []}
                >
                  <Flex vertical align="center" gap={2} style={{ paddingBlock: 4 }}>
                    <CloudUploadOutlined style={{ fontSize: 28, color: '#1677ff' }} />
                    <span>{t('imports.form.drop')}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('imports.form.dropHint')}
                    </Typography.Text>
                  </Flex>
                </Upload.Dragger>
              </div>
            </Form.Item>
            <Flex align="center" wrap gap={4}>
              <Button type="link" icon={<DownloadOutlined />} loading={template.isPending} onClick={() => template.mutate()} style={{ paddingInline: 0 }} data-testid="import-template">
                {t(`imports.form.templates.${kind}`)}
              </Button>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('imports.form.templateHint')}
              </Typography.Text>
            </Flex>
          </Col>
          <Col xs={24} lg={13}>
            <Form.Item label={t('imports.form.encoding')} htmlFor="import-encoding" style={{ marginBottom: 12 }}>
              <Select<EncodingChoice>
                id="import-encoding"
                value={encoding}
                onChange={setEncoding}
                style={{ maxWidth: 360 }}
                options={[
                  { value: 'auto', label: t('imports.form.encodingAuto') },
                  { value: 'utf-8', label: t('imports.form.encodingUtf8') },
                  { value: 'gbk', label: t('imports.form.encodingGbk') },
                ]}
                data-testid="import-encoding"
              />
            </Form.Item>
            {kind === 'customers' && (
              <Form.Item label={t('imports.form.onDuplicate')} extra={t('imports.form.onDuplicateHint')} style={{ marginBottom: 12 }}>
                <Radio.Group
                  value={onDuplicate}
                  onChange={(event) => setOnDuplicate(event.target.value as OnDuplicate)}
                  options={ON_DUPLICATE.map((value) => ({ value, label: t(`imports.onDuplicate.${value}`) }))}
                  data-testid="import-on-duplicate"
                />
              </Form.Item>
            )}
            <Form.Item label={t('imports.form.options')} style={{ marginBottom: 12 }}>
              <Flex vertical gap={4}>
                <span>
                  <Checkbox checked={dryRun} onChange={(event) => setDryRun(event.target.checked)} data-testid="import-dry-run">
                    {t('imports.form.dryRun')}
                  </Checkbox>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('imports.form.dryRunHint')}
                  </Typography.Text>
                </span>
                <span>
                  <Checkbox checked={ignoreUnknownColumns} onChange={(event) => setIgnoreUnknownColumns(event.target.checked)} data-testid="import-ignore-unknown">
                    {t('imports.form.ignoreUnknownColumns')}
                  </Checkbox>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('imports.form.ignoreUnknownColumnsHint')}
                  </Typography.Text>
                </span>
              </Flex>
            </Form.Item>
            <Button
              type="primary"
              icon={dryRun ? <FileTextOutlined /> : <CloudUploadOutlined />}
              disabled={!file}
              loading={upload.isPending}
              onClick={() => send()}
              data-testid="import-submit"
            >
              {t(dryRun ? 'imports.form.submitDryRun' : 'imports.form.submit')}
            </Button>
          </Col>
        </Row>
      </Form>
      {refusal && <FileRefusal error={refusal.error} sent={refusal.options} retrying={upload.isPending} onRetry={file ? send : undefined} />}
    </Card>
  );
}
