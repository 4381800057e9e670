import { api } from './client';
import type { Channel } from './domain';

/** Routing rules: tried in ascending position, the first match sends the ticket to its department. */

export interface RoutingRule {
  id: string;
  name: string;
  position: number;
  active: boolean;
  conditions: {
    categoryIds?: string[];
    serviceItemIds?: string[];
    priorityIds?: string[];
    channels?: string[];
    customerTiers?: string[];
    keywords?: string[];
  };
  departmentId: string;
}

export interface RoutingConditionsInput {
  categories?: string[];
  serviceItems?: string[];
  priorities?: string[];
  channels?: Channel[];
  customerTiers?: string[];
  keywords?: string[];
}

export interface RoutingRuleInput {
  name?: string;
  position?: number;
  active?: boolean;
  conditions?: RoutingConditionsInput;
  department?: string;
}

const enc = encodeURIComponent;

export const listRoutingRules = async (signal?: AbortSignal) => (await api.get<{ items: RoutingRule[] }>('/routing-rules', undefined, signal)).items;
export const createRoutingRule = (body: RoutingRuleInput) => api.post<RoutingRule>('/routing-rules', body);
export const updateRoutingRule = (id: string, body: RoutingRuleInput) => api.patch<RoutingRule>(`/routing-rules/${enc(id)}`, body);
/** Every rule in the order given, at once (positions 10, 20, 30 …). */
export const orderRoutingRules = async (ids: readonly string[]) => (await api.put<{ items: RoutingRule[] }>('/routing-rules/order', { ids })).items;
export const deleteRoutingRule = (id: string) => api.delete<void>(`/routing-rules/${enc(id)}`);
