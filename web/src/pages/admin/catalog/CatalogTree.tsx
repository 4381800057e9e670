import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Tag, Tree, type TreeDataNode } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceItemNode } from '../../../api/admin-catalog';
import { useRefName } from '../../../i18n/format';
import { matches } from '../common';
import { flatten } from './tree';

interface Props {
  nodes: ServiceItemNode[];
  selectedId: string | undefined;
  onSelect: (id: string) => void;
  onAddRoot: () => void;
}

/** The catalog as a tree; a search keeps the matching items and the branches leading to them. */
export function CatalogTree({ nodes, selectedId, onSelect, onAddRoot }: Props) {
  const { t } = useTranslation();
  const refName = useRefName();
  const [search, setSearch] = useState('');
  const toTreeData = (list: ServiceItemNode[]): TreeDataNode[] =>
    list.flatMap((node) => {
      const children = toTreeData(node.children);
      if (!matches(search, node.name, node.nameEn, node.code) && children.length === 0) return [];
      return [
        {
          key: node.id,
          title: (
            <span data-testid="catalog-node" data-code={node.code}>
              {refName(node)} <span style={{ color: '#999', fontSize: 12 }}>{node.code}</span>
              {node.fields.length > 0 && <Tag style={{ marginInlineStart: 6 }}>{t('admin.catalog.fieldCount', { count: node.fields.length })}</Tag>}
              {!node.active && <Tag>{t('admin.common.inactive')}</Tag>}
            </span>
          ),
          children,
        },
      ];
    });
  const treeData = toTreeData(nodes);
  const allKeys = useMemo(() => flatten(nodes).map((n) => n.id), [nodes]);
  // Open unless closed by hand, so a newly added item shows where it sits.
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  return (
    <Card
      size="small"
      title={t('admin.catalog.tree')}
      extra={
        <Button size="small" icon={<PlusOutlined />} onClick={onAddRoot}>
          {t('admin.catalog.addRoot')}
        </Button>
      }
      styles={{ body: { maxHeight: 'calc(100vh - 260px)', overflow: 'auto' } }}
    >
      <Input.Search allowClear placeholder={t('admin.common.searchNameCode')} onChange={(event) => setSearch(event.target.value)} style={{ marginBottom: 8 }} />
      <Tree
        blockNode
        showLine
        treeData={treeData}
        expandedKeys={allKeys.filter((key) => !collapsed.has(key))}
        onExpand={(keys) => setCollapsed(new Set(allKeys.filter((key) => !keys.includes(key))))}
        selectedKeys={selectedId ? [selectedId] : []}
        onSelect={(keys) => {
          const key = keys[0];
          if (key !== undefined) onSelect(String(key));
        }}
        data-testid="catalog-tree"
      />
    </Card>
  );
}
