import type { Role } from '../auth/domain/actor.js';
import type { FieldDefinition } from '../catalog/domain/service-item-form.js';
import { createCategory, createPriority, createServiceItem } from '../catalog/use-cases/manage-catalog.js';
import type { AssignmentMode } from '../org/domain/auto-assignment.js';
import { createDepartment } from '../org/use-cases/manage-departments.js';
import { createUser } from '../org/use-cases/manage-users.js';
import { createCustomer, type CreateCustomerInput } from '../customers/use-cases/manage-customers.js';
import { newSecret } from '../platform/security/secrets.js';
import { createRoutingRule, type ConditionsInput } from '../routing/use-cases/manage-routing-rules.js';
import { updateSettings } from '../settings/use-cases/manage-settings.js';
import type { UseCaseContext } from './context.js';
import { seedTimeLimits } from './seed-time-limits.js';

/** The standard taxonomy of DOMAIN.md §3: every code here is part of the documented API. */
const CATEGORIES: Array<[string, string, string]> = [
  ['fault', '故障申报', 'Fault report'],
  ['inquiry', '咨询', 'Inquiry'],
  ['service_request', '业务受理', 'Service request'],
  ['complaint', '投诉', 'Complaint'],
  ['suggestion', '建议', 'Suggestion'],
  ['refund', '退款', 'Refund'],
  ['other', '其它', 'Other'],
];

const PRIORITIES: Array<[string, string, string]> = [
  ['urgent', '紧急', 'Urgent'],
  ['high', '高', 'High'],
  ['medium', '中', 'Medium'],
  ['low', '低', 'Low'],
];

const orderNumber: FieldDefinition = { key: 'orderNumber', label: '订单号', labelEn: 'Order number', type: 'order_number', required: true };

const SERVICE_ITEMS: Array<{ code: string; name: string; nameEn: string; needsReply: boolean; fields: FieldDefinition[]; parent?: string }> = [
  { code: 'mall_presales', name: '商城售前', nameEn: 'Store pre-sales', needsReply: false, fields: [] },
  {
    code: 'mall_aftersales',
    name: '商城售后',
    nameEn: 'Store after-sales',
    needsReply: true,
    fields: [orderNumber, { key: 'amount', label: '金额', labelEn: 'Amount', type: 'money', required: false }],
  },
  {
    code: 'flights',
    name: '机票',
    nameEn: 'Flights',
    needsReply: true,
    fields: [
      { key: 'flightNumber', label: '航班号', labelEn: 'Flight number', type: 'text', required: true, maxLength: 10 },
      { key: 'travelDate', label: '出行日期', labelEn: 'Travel date', type: 'date', required: false },
    ],
  },
  {
    code: 'flights_change',
    name: '机票退改签',
    nameEn: 'Flight refunds and changes',
    needsReply: true,
    parent: 'flights',
    fields: [
      { key: 'flightNumber', label: '航班号', labelEn: 'Flight number', type: 'text', required: true, maxLength: 10 },
      orderNumber,
    ],
  },
  {
    code: 'flowers',
    name: '鲜花',
    nameEn: 'Flowers',
    needsReply: true,
    fields: [orderNumber, { key: 'deliveryDate', label: '送达日期', labelEn: 'Delivery date', type: 'date', required: false }],
  },
  {
    code: 'hotels',
    name: '酒店',
    nameEn: 'Hotels',
    needsReply: true,
    fields: [
      { key: 'hotelName', label: '酒店名称', labelEn: 'Hotel', type: 'text', required: true },
      { key: 'checkInDate', label: '入住日期', labelEn: 'Check-in date', type: 'date', required: false },
    ],
  },
  {
    code: 'car_insurance',
    name: '车险',
    nameEn: 'Car insurance',
    needsReply: true,
    fields: [
      { key: 'policyNumber', label: '保单号', labelEn: 'Policy number', type: 'order_number', required: true },
      { key: 'plateNumber', label: '车牌号', labelEn: 'Plate number', type: 'text', required: false, maxLength: 10 },
    ],
  },
  {
    code: 'mobile_topup',
    name: '手机充值',
    nameEn: 'Mobile top-up',
    needsReply: true,
    fields: [
      { key: 'mobile', label: '充值号码', labelEn: 'Number topped up', type: 'phone', required: true },
      { key: 'amount', label: '充值金额', labelEn: 'Amount', type: 'money', required: true, min: 1, max: 10000 },
    ],
  },
  { code: 'movie_tickets', name: '电影票', nameEn: 'Cinema tickets', needsReply: false, fields: [orderNumber] },
  { code: 'mall_suppliers', name: '商城供应商', nameEn: 'Store suppliers', needsReply: false, fields: [] },
  { code: 'partners', name: '其他合作商', nameEn: 'Other partners', needsReply: false, fields: [] },
  { code: 'other', name: '其它', nameEn: 'Other', needsReply: false, fields: [] },
];

const DEPARTMENTS: Array<[string, string, string, AssignmentMode]> = [
  ['call_center', '呼叫中心', 'Call centre', 'none'],
  ['internal_control', '内控部', 'Internal control', 'none'],
  ['external_partners', '外协部', 'External partners', 'none'],
  ['difficult_cases', '售后/疑难组', 'After-sales & difficult cases', 'none'],
  ['refunds', '退款组', 'Refunds', 'none'],
  ['exceptions', '异常/报障组', 'Exceptions & fault reports', 'least_open'],
  ['promotions', '活动/确认组', 'Promotions & confirmations', 'round_robin'],
];

const DEMO_USERS: Array<{ username: string; displayName: string; role: Role; departments: string[] }> = [
  { username: 'supervisor', displayName: '王主管', role: 'supervisor', departments: ['refunds', 'difficult_cases'] },
  // The hotline supervisor (热线班长) of DOMAIN §5's complaint table: complaints and their escalations reach them.
  { username: 'lead', displayName: '陈班长', role: 'supervisor', departments: ['call_center', 'internal_control'] },
  { username: 'agent', displayName: '李座席', role: 'agent', departments: ['call_center'] },
  { username: 'handler', displayName: '张处理', role: 'handler', departments: ['refunds'] },
  { username: 'auditor', displayName: '赵稽核', role: 'auditor', departments: [] },
];

const DEMO_RULES: Array<{ name: string; conditions: ConditionsInput; department: string }> = [
  { name: '退款类 → 退款组', conditions: { categories: ['refund'] }, department: 'refunds' },
  { name: '提到“退款” → 退款组', conditions: { keywords: ['退款', 'refund'] }, department: 'refunds' },
  { name: '故障申报 → 异常/报障组', conditions: { categories: ['fault'] }, department: 'exceptions' },
  { name: '供应商与合作商 → 外协部', conditions: { serviceItems: ['mall_suppliers', 'partners'] }, department: 'external_partners' },
  { name: '商城售后 → 售后/疑难组', conditions: { serviceItems: ['mall_aftersales'] }, department: 'difficult_cases' },
  { name: '投诉 → 内控部', conditions: { categories: ['complaint'] }, department: 'internal_control' },
  { name: '业务受理 → 活动/确认组', conditions: { categories: ['service_request'] }, department: 'promotions' },
];

/** A few callers to try the screen pop with: GET /api/v1/customers/lookup?phone=13600001001. */
const DEMO_CUSTOMERS: Array<CreateCustomerInput & { contacts?: CreateCustomerInput[] }> = [
  { name: '黄晓燕', tier: 'VIP', tags: ['VIP', '老客户'], phones: [{ number: '13600001001', label: '手机' }], emails: [{ address: 'huang.xiaoyan@example.com' }] },
  { name: '郑伟', phones: [{ number: '13600001002', label: '手机' }, { number: '010-6600 1002', label: '家庭' }] },
  {
    name: '京华物流有限公司',
    type: 'enterprise',
    tier: 'VIP',
    tags: ['政企'],
    phones: [{ number: '010-6600 2000', label: '总机' }],
    externalIds: [{ kind: 'account_no', value: 'ENT-2026-0001' }],
    contacts: [
      { name: '京华物流 孙经理', phones: [{ number: '13600002001', label: '手机' }] },
      { name: '京华物流 何会计', phones: [{ number: '13600002002', label: '手机' }] },
    ],
  },
];

export interface SeedResult {
  adminPassword: string;
  adminPasswordGenerated: boolean;
  demoUsers: Array<{ username: string; role: Role; password: string }>;
}

/** Answers whether the database has never been set up (no users at all). */
export function isEmpty(ctx: UseCaseContext): Promise<boolean> {
  return ctx.uow.read(async (repos) => (await repos.users.count()) === 0);
}

/**
 * Sets up a fresh organisation: the standard taxonomy, departments, settings and the admin;
 * with `demo`, also one user per role and the routing rules, so the whole flow can be tried at once.
 */
export async function seedOrganisation(
  ctx: UseCaseContext,
  options: { adminPassword?: string; demoPassword?: string; demo: boolean },
): Promise<SeedResult> {
  for (const [index, [code, name, nameEn]] of CATEGORIES.entries()) await createCategory(ctx, { code, name, nameEn, sortOrder: index });
  for (const [index, [code, name, nameEn]] of PRIORITIES.entries()) await createPriority(ctx, { code, name, nameEn, rank: index + 1 });
  for (const [index, item] of SERVICE_ITEMS.entries()) await createServiceItem(ctx, { ...item, sortOrder: index });
  for (const [code, name, nameEn, assignmentMode] of DEPARTMENTS) await createDepartment(ctx, { code, name, nameEn, assignmentMode });
  await updateSettings(ctx, {
    difficultCaseDepartment: 'difficult_cases',
    // The call centre dispatches: its supervisors hear of time limits running out in the dispatch queue.
    dispatchDepartment: 'call_center',
    intakeDefaults: { category: 'other', serviceItem: 'other', priority: 'medium' },
    // Two working days on the demo calendar: a customer who promised to call back and did not is chased, not forgotten.
    waitReminderHours: 15,
  });
  const adminPassword = options.adminPassword ?? newSecret(12);
  const admin = await createUser(ctx, { username: 'admin', displayName: '系统管理员', password: adminPassword, role: 'admin', departments: [] });
  const demoUsers: SeedResult['demoUsers'] = [];
  if (options.demo) {
    const password = options.demoPassword ?? newSecret(12);
    for (const user of DEMO_USERS) {
      await createUser(ctx, { ...user, password });
      demoUsers.push({ username: user.username, role: user.role, password });
    }
    for (const rule of DEMO_RULES) await createRoutingRule(ctx, rule);
    await seedTimeLimits(ctx);
    const actor = { id: admin.id, role: admin.role, departmentIds: [] };
    for (const { contacts, ...customer } of DEMO_CUSTOMERS) {
      const created = await createCustomer(ctx, actor, customer);
      for (const contact of contacts ?? []) await createCustomer(ctx, actor, { ...contact, parentId: created.customer.id });
    }
  }
  return { adminPassword, adminPasswordGenerated: options.adminPassword === undefined, demoUsers };
}
