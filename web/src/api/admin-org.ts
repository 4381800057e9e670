import { api } from './client';
import type { Role, User } from './auth';

/** Administration of the organisation: users, departments and their members, settings (admin only to change). */

export const ASSIGNMENT_MODES = ['none', 'round_robin', 'least_open'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

export interface AdminDepartment {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  assignmentMode: AssignmentMode;
  active: boolean;
  calendar: { id: string; code: string; name: string } | null;
}

export interface UserFilter {
  role?: Role;
  department?: string;
  active?: 'true' | 'false';
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  departments: string[];
}

export interface UserChange {
  displayName?: string;
  password?: string;
  /** Required with `password` when it is your own. */
  currentPassword?: string;
  role?: Role;
  departments?: string[];
  active?: boolean;
  onDuty?: boolean;
}

export interface DepartmentInput {
  code?: string;
  name?: string;
  nameEn?: string | null;
  assignmentMode?: AssignmentMode;
  active?: boolean;
  calendar?: string | null;
}

export interface Settings {
  difficultCaseDepartmentId: string | null;
  /** whose supervisors hear of time limits running out on tickets waiting for dispatch; null: the recorder's team leaders */
  dispatchDepartmentId: string | null;
  intakeDefaults: { categoryId: string | null; serviceItemId: string | null; priorityId: string | null };
  /** a wait without a resume time resumes by itself after this many working hours; null: never */
  waitReminderHours: number | null;
}

export interface SettingsChange {
  difficultCaseDepartment?: string | null;
  dispatchDepartment?: string | null;
  intakeDefaults?: { category?: string | null; serviceItem?: string | null; priority?: string | null };
  waitReminderHours?: number | null;
}

interface Items<T> {
  items: T[];
}

const enc = encodeURIComponent;

export const adminListUsers = async (filter: UserFilter, signal?: AbortSignal) =>
  (await api.get<Items<User>>('/users', { role: filter.role, department: filter.department, active: filter.active }, signal)).items;
export const createUser = (body: NewUser) => api.post<User>('/users', body);
/** One user as the server has it now: a change built on a list read earlier could undo what others changed since. */
export const getUser = (id: string, signal?: AbortSignal) => api.get<User>(`/users/${enc(id)}`, undefined, signal);
export const updateUser = (id: string, body: UserChange) => api.patch<User>(`/users/${enc(id)}`, body);

export const adminListDepartments = async (signal?: AbortSignal) =>
  (await api.get<Items<AdminDepartment>>('/departments', { includeInactive: 'true' }, signal)).items;
export const listDepartmentMembers = async (id: string, signal?: AbortSignal) =>
  (await api.get<Items<User>>(`/departments/${enc(id)}/members`, undefined, signal)).items;
export const createDepartment = (body: DepartmentInput) => api.post<AdminDepartment>('/departments', body);
export const updateDepartment = (id: string, body: DepartmentInput) => api.patch<AdminDepartment>(`/departments/${enc(id)}`, body);

export const getSettings = (signal?: AbortSignal) => api.get<Settings>('/settings', undefined, signal);
export const updateSettings = (body: SettingsChange) => api.patch<Settings>('/settings', body);
