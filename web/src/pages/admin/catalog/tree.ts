import type { ServiceItemNode } from '../../../api/admin-catalog';

/** Helpers over the catalog tree the API answers. */

export function flatten(nodes: readonly ServiceItemNode[]): ServiceItemNode[] {
  return nodes.flatMap((node) => [node, ...flatten(node.children)]);
}

/** The ids of a node and everything below it: none of them can become its parent. */
export function branchIds(node: ServiceItemNode): Set<string> {
  return new Set(flatten([node]).map((n) => n.id));
}

/** Children in their display order (sortOrder, then name), at every level. */
export function sortTree(nodes: readonly ServiceItemNode[]): ServiceItemNode[] {
  return [...nodes]
    .sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN'))
    .map((node) => ({ ...node, children: sortTree(node.children) }));
}
