import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Col, Empty, Row, Spin } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { serviceItemTreeQuery } from '../admin-queries';
import { SectionHeader } from '../common';
import { CatalogTree } from './CatalogTree';
import { ServiceItemEditor } from './ServiceItemEditor';
import { flatten, sortTree } from './tree';

/**
 * 服务目录: the tree on the left; the chosen item (`/admin/service-items/<id>`) or a new one
 * (`/admin/service-items/new?parent=<id>`) with its form builder on the right.
 */
export default function ServiceItemsSection() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id } = useParams();
  const [params] = useSearchParams();
  const tree = useQuery(serviceItemTreeQuery);
  const nodes = useMemo(() => sortTree(tree.data ?? []), [tree.data]);
  const creating = id === 'new';
  const item = creating ? undefined : flatten(nodes).find((node) => node.id === id || node.code === id);
  const parentId = creating ? (params.get('parent') ?? undefined) : undefined;

  let detail;
  if (tree.isPending) detail = <Spin />;
  else if (creating) detail = <ServiceItemEditor key={`new-${parentId ?? ''}`} parentId={parentId} tree={nodes} onSaved={(saved) => navigate(`/admin/service-items/${saved.id}`)} />;
  else if (item) detail = <ServiceItemEditor key={`${item.id}-${item.fields.length}-${String(item.active)}`} item={item} tree={nodes} onSaved={() => undefined} />;
  else detail = <Empty description={t('admin.catalog.choose')} />;

  return (
    <>
      <SectionHeader
        title={t('admin.sections.serviceItems')}
        extra={
          item && (
            <Button icon={<PlusOutlined />} onClick={() => navigate(`/admin/service-items/new?parent=${item.id}`)} data-testid="add-child">
              {t('admin.catalog.addChild')}
            </Button>
          )
        }
      />
      <Row gutter={16} wrap={false}>
        <Col flex="280px">
          <CatalogTree nodes={nodes} selectedId={item?.id ?? parentId} onSelect={(selected) => navigate(`/admin/service-items/${selected}`)} onAddRoot={() => navigate('/admin/service-items/new')} />
        </Col>
        <Col flex="auto" style={{ minWidth: 0 }}>
          {detail}
        </Col>
      </Row>
    </>
  );
}
