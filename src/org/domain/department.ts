import type { AssignmentMode } from './auto-assignment.js';

/** A department (部门) with its queue and how tickets arriving there are assigned. */
export interface Department {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  assignmentMode: AssignmentMode;
  lastAssignedUserId: string | null;
  /** The business calendar its step time limits count on; null means the policy's calendar. */
  calendarId: string | null;
  active: boolean;
}
