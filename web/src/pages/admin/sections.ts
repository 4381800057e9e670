/** The administration's sections, in menu order, with the path each has under /admin. */
export const ADMIN_SECTIONS = [
  { key: 'users', path: 'users' },
  { key: 'departments', path: 'departments' },
  { key: 'categories', path: 'categories' },
  { key: 'priorities', path: 'priorities' },
  { key: 'serviceItems', path: 'service-items' },
  { key: 'routingRules', path: 'routing-rules' },
  { key: 'calendars', path: 'calendars' },
  { key: 'slaPolicies', path: 'sla-policies' },
  { key: 'tokens', path: 'tokens' },
] as const;

export type AdminSectionKey = (typeof ADMIN_SECTIONS)[number]['key'];
