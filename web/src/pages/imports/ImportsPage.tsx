import { Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { importKindsFor, type ImportKind } from '../../api/imports';
import { useSession } from '../../auth/session';
import { useDocumentTitle } from '../../components/use-document-title';
import { ImportForm } from './ImportForm';
import { ImportList } from './ImportList';

/**
 * 数据导入 (administrators and supervisors): a CSV file of customers or tickets sent to
 * `POST /imports`, and the recent imports with their progress, counts and error reports
 * (docs/import-export.md). The kind is in the address (`/imports?kind=tickets`); a role is offered
 * only the kinds it may import (customers: administrators; tickets: administrators and supervisors).
 */
export default function ImportsPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const [uploaded, setUploaded] = useState<string | null>(null);
  useDocumentTitle(t('imports.title'));
  const kinds = session ? importKindsFor(session.user.role) : [];
  const asked = params.get('kind');
  const kind = kinds.find((k) => k === asked) ?? kinds[0];
  const chooseKind = (next: ImportKind) => {
    const search = new URLSearchParams(params);
    search.set('kind', next);
    setParams(search, { replace: true });
  };

  return (
    <div data-testid="imports-page">
      <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
        {t('imports.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {t('imports.intro')}
      </Typography.Paragraph>
      {kind && <ImportForm kinds={kinds} kind={kind} onKindChange={chooseKind} onUploaded={(job) => setUploaded(job.id)} />}
      <ImportList highlight={uploaded} />
    </div>
  );
}
