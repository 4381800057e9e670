import { queryOptions } from '@tanstack/react-query';
import { adminListCategories, adminListPriorities, adminServiceItemTree } from '../../api/admin-catalog';
import { listCalendars } from '../../api/admin-calendars';
import { adminListDepartments, adminListUsers, listDepartmentMembers, type UserFilter } from '../../api/admin-org';
import { listRoutingRules } from '../../api/admin-routing';
import { listSlaPolicies } from '../../api/admin-sla';
import { listApiTokens } from '../../api/admin-tokens';
import { SETTINGS_KEY } from '../../api/queries';

export { settingsQuery } from '../../api/queries';

/**
 * The administration's reads, inactive entries included. Keys start with 'admin'; a change also
 * invalidates 'reference' (api/queries.ts), which the other pages read the active lists from.
 */

export const ADMIN_KEYS = {
  users: ['admin', 'users'],
  departments: ['admin', 'departments'],
  members: ['admin', 'members'],
  settings: SETTINGS_KEY,
  categories: ['admin', 'categories'],
  priorities: ['admin', 'priorities'],
  serviceItems: ['admin', 'service-items'],
  routingRules: ['admin', 'routing-rules'],
  calendars: ['admin', 'calendars'],
  slaPolicies: ['admin', 'sla-policies'],
  tokens: ['admin', 'tokens'],
  reference: ['reference'],
} as const;

export const adminUsersQuery = (filter: UserFilter) =>
  queryOptions({ queryKey: [...ADMIN_KEYS.users, filter], queryFn: ({ signal }) => adminListUsers(filter, signal) });
export const allUsersQuery = queryOptions({ queryKey: [...ADMIN_KEYS.users, 'all'], queryFn: ({ signal }) => adminListUsers({}, signal) });
export const adminDepartmentsQuery = queryOptions({ queryKey: ADMIN_KEYS.departments, queryFn: ({ signal }) => adminListDepartments(signal) });
export const membersQuery = (departmentId: string) =>
  queryOptions({ queryKey: [...ADMIN_KEYS.members, departmentId], queryFn: ({ signal }) => listDepartmentMembers(departmentId, signal) });
export const adminCategoriesQuery = queryOptions({ queryKey: ADMIN_KEYS.categories, queryFn: ({ signal }) => adminListCategories(signal) });
export const adminPrioritiesQuery = queryOptions({ queryKey: ADMIN_KEYS.priorities, queryFn: ({ signal }) => adminListPriorities(signal) });
export const serviceItemTreeQuery = queryOptions({ queryKey: ADMIN_KEYS.serviceItems, queryFn: ({ signal }) => adminServiceItemTree(signal) });
export const routingRulesQuery = queryOptions({ queryKey: ADMIN_KEYS.routingRules, queryFn: ({ signal }) => listRoutingRules(signal) });
export const calendarsQuery = queryOptions({ queryKey: ADMIN_KEYS.calendars, queryFn: ({ signal }) => listCalendars(signal) });
export const slaPoliciesQuery = queryOptions({ queryKey: ADMIN_KEYS.slaPolicies, queryFn: ({ signal }) => listSlaPolicies(signal) });
export const tokensQuery = queryOptions({ queryKey: ADMIN_KEYS.tokens, queryFn: ({ signal }) => listApiTokens(signal) });
