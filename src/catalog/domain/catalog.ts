import type { FieldDefinition } from './service-item-form.js';

/** A 工单分类 (category) such as 投诉 complaint. */
export interface Category {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  sortOrder: number;
  active: boolean;
}

/** A 优先级 (priority); rank 1 is the most urgent. */
export interface Priority {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  rank: number;
  active: boolean;
}

/** A node of the 服务目录 (service catalog) tree, with its standard form and reply rule. */
export interface ServiceItem {
  id: string;
  code: string;
  parentId: string | null;
  name: string;
  nameEn: string | null;
  needsReply: boolean;
  fields: FieldDefinition[];
  sortOrder: number;
  active: boolean;
}

/** The path from an item up to the root of the catalog tree, the item first. */
export function ancestry(itemId: string, parentOf: ReadonlyMap<string, string | null>): string[] {
  const path: string[] = [];
  for (let id: string | null | undefined = itemId; id && !path.includes(id); id = parentOf.get(id)) path.push(id);
  return path;
}

/** Whether making `parentId` the parent of `itemId` would create a cycle in the tree. */
export function wouldCreateCycle(itemId: string, parentId: string, parentOf: ReadonlyMap<string, string | null>): boolean {
  return ancestry(parentId, parentOf).includes(itemId);
}
