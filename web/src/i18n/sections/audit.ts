import type { AuditAction, AuditSubjectType } from '../../api/domain';

/**
 * The audit log page (审计日志) in Simplified Chinese (the English, typed as these, in audit.en.ts).
 * Mounted as `audit` in zh-CN.ts and en.ts. Entries about one customer are worded in customers.ts.
 */
export const auditZh = {
  title: '审计日志',
  intro: '谁在何时查看或修改了哪些客户资料、导出了哪些完整信息。只可查看，不能修改；个人信息只显示掩码。',
  allSubjects: '全部对象',
  allActions: '全部操作',
  actor: '操作人用户名',
  empty: '没有符合条件的记录',
  columns: { at: '时间', actor: '操作人', action: '操作', subject: '对象', details: '内容' },
  deletedSubject: '{{subject}}（已删除）',
  subjects: { customer: '客户', customer_attribute: '自定义属性', ticket: '工单', export: '导出' } satisfies Record<AuditSubjectType, string>,
  actions: {
    'customer.created': '新建客户',
    'customer.updated': '修改客户',
    'customer.deleted': '删除客户',
    'customer.merged': '合并客户',
    'customer.merge_received': '并入客户',
    'customer.identity_added': '添加联系方式',
    'customer.identity_updated': '修改联系方式',
    'customer.identity_removed': '删除联系方式',
    'customer.identity_revealed': '查看完整信息',
    'customer_attribute.created': '新建自定义属性',
    'customer_attribute.updated': '修改自定义属性',
    'customer_attribute.deleted': '停用自定义属性',
    'ticket.customer_changed': '工单换客户',
    'tickets.exported': '导出工单（完整）',
    'customers.exported': '导出客户（完整）',
  } satisfies Record<AuditAction, string>,
  texts: {
    attributeCreated: '新建了自定义属性 {{key}}',
    attributeUpdated: '修改了自定义属性 {{key}}',
    attributeDeleted: '停用了自定义属性 {{key}}',
    ticketCustomerChanged: '客户合并时，工单移到了保留的客户名下',
    ticketsExported: '导出了带完整电话号码的工单',
    customersExported: '导出了带完整联系方式的客户',
  },
};
