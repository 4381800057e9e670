import { api } from './client';
import type { CalendarDefinition, Weekday } from './domain';

/** Business calendars (工作日历): working hours per weekday, holidays, make-up workdays (调休). */

export { WEEKDAYS, type Weekday } from './domain';

/** Each weekday's working intervals, ["HH:MM", "HH:MM"] local time, end exclusive. */
export type Week = CalendarDefinition['week'];
export type Interval = Week[Weekday][number];

export interface Calendar extends CalendarDefinition {
  id: string;
  code: string;
  name: string;
  /** the built-in 24x7 calendar: only its name may change */
  alwaysOpen: boolean;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface CalendarInput {
  code?: string;
  name?: string;
  week?: Partial<Week>;
  timeZone?: string;
  holidays?: string[];
  workdays?: string[];
  active?: boolean;
}

export type ImportedCalendar = Calendar & { added: { holidays: number; workdays: number } };

const enc = encodeURIComponent;

export const listCalendars = async (signal?: AbortSignal) =>
  (await api.get<{ items: Calendar[] }>('/calendars', { includeInactive: 'true' }, signal)).items;
export const createCalendar = (body: CalendarInput) => api.post<Calendar>('/calendars', body);
export const updateCalendar = (id: string, body: CalendarInput) => api.patch<Calendar>(`/calendars/${enc(id)}`, body);
export const importHolidays = (id: string, year: number, statutoryOnly = false, region = 'CN') =>
  api.post<ImportedCalendar>(`/calendars/${enc(id)}/holidays/import`, { region, year, ...(statutoryOnly ? { statutoryOnly } : {}) });
