import { api } from './client';
import type { User } from './auth';
import type { Priority, ServiceItem } from './domain';

export type { Category, FieldDefinition, Priority, ServiceItem } from './domain';

/** A service item as GET /service-items answers it: a tree. */
export type ServiceItemNode = ServiceItem & { children: ServiceItemNode[] };

/** Reference data every signed-in user reads: departments, priorities, service items, users. */

export interface Department {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  active: boolean;
}

interface Items<T> {
  items: T[];
}

export const listDepartments = async (signal?: AbortSignal) => (await api.get<Items<Department>>('/departments', undefined, signal)).items;
export const listPriorities = async (signal?: AbortSignal) => (await api.get<Items<Priority>>('/priorities', undefined, signal)).items;
export const listUsers = async (signal?: AbortSignal) => (await api.get<Items<User>>('/users', undefined, signal)).items;
export const getServiceItem = (id: string, signal?: AbortSignal) => api.get<ServiceItem>(`/service-items/${encodeURIComponent(id)}`, undefined, signal);
