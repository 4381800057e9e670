import { api } from './client';
import type { Category, ServiceItemNode } from './reference';
import type { FieldDefinition, Priority, ServiceItem } from './domain';

/** Administration of the reference data: categories, priorities and the service catalog with its forms. */

export type { Category, ServiceItemNode } from './reference';

export interface CategoryInput {
  code?: string;
  name?: string;
  nameEn?: string | null;
  sortOrder?: number;
  active?: boolean;
}

export interface PriorityInput {
  code?: string;
  name?: string;
  nameEn?: string | null;
  rank?: number;
  active?: boolean;
}

export interface ServiceItemInput {
  code?: string;
  name?: string;
  nameEn?: string | null;
  /** id or code of the parent; null for a top-level item */
  parent?: string | null;
  needsReply?: boolean;
  fields?: FieldDefinition[];
  sortOrder?: number;
  active?: boolean;
}

interface Items<T> {
  items: T[];
}

const enc = encodeURIComponent;
const ALL = { includeInactive: 'true' } as const;

export const adminListCategories = async (signal?: AbortSignal) => (await api.get<Items<Category>>('/categories', ALL, signal)).items;
export const createCategory = (body: CategoryInput) => api.post<Category>('/categories', body);
export const updateCategory = (id: string, body: CategoryInput) => api.patch<Category>(`/categories/${enc(id)}`, body);

export const adminListPriorities = async (signal?: AbortSignal) => (await api.get<Items<Priority>>('/priorities', ALL, signal)).items;
export const createPriority = (body: PriorityInput) => api.post<Priority>('/priorities', body);
export const updatePriority = (id: string, body: PriorityInput) => api.patch<Priority>(`/priorities/${enc(id)}`, body);

export const adminServiceItemTree = async (signal?: AbortSignal) => (await api.get<Items<ServiceItemNode>>('/service-items', ALL, signal)).items;
export const createServiceItem = (body: ServiceItemInput) => api.post<ServiceItem>('/service-items', body);
export const updateServiceItem = (id: string, body: ServiceItemInput) => api.patch<ServiceItem>(`/service-items/${enc(id)}`, body);
