import { adminListPriorities, createPriority, updatePriority } from '../../../api/admin-catalog';
import type { Priority } from '../../../api/domain';
import { optionalText } from '../common';
import { adminPrioritiesQuery } from '../admin-queries';
import { ReferenceSection, type ReferenceKind } from './ReferenceSection';

const PRIORITIES: ReferenceKind<Priority> = {
  key: 'priorities',
  queryKey: adminPrioritiesQuery.queryKey,
  list: adminListPriorities,
  orderOf: (row) => row.rank,
  orderRule: { min: 1, max: 1000, required: true },
  create: (v) => createPriority({ code: v.code, name: v.name, nameEn: optionalText(v.nameEn), rank: v.order ?? 1 }),
  update: (id, v) =>
    updatePriority(id, {
      ...(v.name !== undefined && { name: v.name, nameEn: optionalText(v.nameEn) ?? null }),
      ...(v.order !== undefined && v.order !== null && { rank: v.order }),
      ...(v.active !== undefined && { active: v.active }),
    }),
};

/** 优先级: priorities by rank, 1 the most urgent (changing a rank re-ranks the tickets too). */
export default function PrioritiesSection() {
  return <ReferenceSection kind={PRIORITIES} />;
}
