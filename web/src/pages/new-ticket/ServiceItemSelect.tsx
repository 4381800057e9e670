import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceItemNode } from '../../api/new-ticket';
import { useRefName } from '../../i18n/format';

interface TreeOption {
  value: string;
  label: string;
  title: React.ReactNode;
  /** what a search matches, lower case: Chinese name, English name and code */
  search: string;
  children: TreeOption[];
}

interface ServiceItemSelectProps {
  tree: ServiceItemNode[] | undefined;
  loading: boolean;
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
  status?: '' | 'error' | 'warning';
}

/**
 * The service catalog (服务目录) as a tree, searchable by Chinese name, English name or code:
 * typing 退改, change or flights_change all find 机票退改签; the arrow keys and Enter pick.
 */
export function ServiceItemSelect({ tree, loading, id, value, onChange, status }: ServiceItemSelectProps) {
  const { t } = useTranslation();
  const refName = useRefName();
  const options = useMemo(() => {
    const toOption = (node: ServiceItemNode): TreeOption => {
      return {
        value: node.id,
        search: `${node.name} ${node.nameEn ?? ''} ${node.code}`.toLowerCase(),
        label: refName(node),
        title: (
          <span>
            {refName(node)} <span className="gd-secondary">{node.code}</span>
          </span>
        ),
        children: node.children.map(toOption),
      };
    };
    return (tree ?? []).map(toOption);
  }, [tree, refName]);

  return (
    <TreeSelect
      id={id}
      value={value}
      onChange={onChange}
      status={status}
      loading={loading}
      treeData={options}
      treeNodeLabelProp="label"
      treeDefaultExpandAll
      // A filter property rather than a filter function: the tree then also makes the first match
      // active, so typing 退改 and Enter picks 机票退改签 without an arrow key.
      showSearch={{ treeNodeFilterProp: 'search' }}
      placeholder={t('newTicket.serviceItemPlaceholder')}
      popupMatchSelectWidth={320}
      data-testid="service-item-select"
    />
  );
}
