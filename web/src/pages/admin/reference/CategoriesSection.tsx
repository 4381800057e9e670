import { adminListCategories, createCategory, updateCategory, type Category } from '../../../api/admin-catalog';
import { optionalText } from '../common';
import { adminCategoriesQuery } from '../admin-queries';
import { IntakeDefaultsSetting } from './IntakeDefaultsSetting';
import { ReferenceSection, type ReferenceKind } from './ReferenceSection';

const CATEGORIES: ReferenceKind<Category> = {
  key: 'categories',
  queryKey: adminCategoriesQuery.queryKey,
  list: adminListCategories,
  orderOf: (row) => row.sortOrder,
  orderRule: { min: -1_000_000, max: 1_000_000, required: false },
  create: (v) => createCategory({ code: v.code, name: v.name, nameEn: optionalText(v.nameEn), sortOrder: v.order ?? undefined }),
  update: (id, v) =>
    updateCategory(id, {
      ...(v.name !== undefined && { name: v.name, nameEn: optionalText(v.nameEn) ?? null }),
      ...(v.order !== undefined && v.order !== null && { sortOrder: v.order }),
      ...(v.active !== undefined && { active: v.active }),
    }),
};

/** 工单分类: categories in their display order, and the classification of tickets from channels that cannot classify. */
export default function CategoriesSection() {
  return (
    <>
      <IntakeDefaultsSetting />
      <ReferenceSection kind={CATEGORIES} />
    </>
  );
}
