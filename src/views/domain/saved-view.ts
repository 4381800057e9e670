import type { Actor } from '../../auth/domain/actor.js';

/**
 * Who a saved view is for: its owner alone, the members of one department, or everyone signed in.
 */
export const VIEW_SCOPES = ['personal', 'department', 'everyone'] as const;
export type ViewScope = (typeof VIEW_SCOPES)[number];

/**
 * A saved view: a name and a list filter (the query of `GET /tickets` as an object, with its sort).
 * The filter is kept as the user wrote it, so references (department codes, usernames, `me`)
 * resolve each time the view is used, for the person using it.
 */
export interface SavedView {
  id: string;
  name: string;
  scope: ViewScope;
  ownerId: string;
  /** The department a `department` view is shared with; null otherwise. */
  departmentId: string | null;
  filters: Readonly<Record<string, unknown>>;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

/** What the access rules need to know about a view (or about the scope a view is being given). */
export interface ViewAccessFacts {
  scope: ViewScope;
  ownerId: string;
  departmentId: string | null;
}

/** How many views one owner, one department or the whole organisation may have in each scope. */
export const MAX_VIEWS_PER_SCOPE = 100;

/**
 * Whether the actor may use (list, read, count, open) a view. Administrators see every shared
 * view, since they are the ones who may change them all; nobody sees another person's personal view.
 */
export function canUseView(actor: Actor, view: ViewAccessFacts): boolean {
  switch (view.scope) {
    case 'personal':
      return view.ownerId === actor.id;
    case 'department':
      return actor.role === 'admin' || (view.departmentId !== null && actor.departmentIds.includes(view.departmentId));
    case 'everyone':
      return true;
  }
}

export interface ViewRefusal {
  code: 'view_change_forbidden';
  message: string;
}

/**
 * Refuses a change the actor may not make to a view with these facts (as it is, or as it would
 * become): a personal view is its owner's alone; a department view is changed by the supervisors
 * of that department and by administrators; a view for everyone by administrators only.
 */
export function manageRefusal(actor: Actor, view: ViewAccessFacts): ViewRefusal | null {
  switch (view.scope) {
    case 'personal':
      return view.ownerId === actor.id ? null : { code: 'view_change_forbidden', message: 'A personal view can only be changed by its owner.' };
    case 'department': {
      const supervisesIt = actor.role === 'supervisor' && view.departmentId !== null && actor.departmentIds.includes(view.departmentId);
      return actor.role === 'admin' || supervisesIt
        ? null
        : { code: 'view_change_forbidden', message: "Only the department's supervisors and administrators may share views with a department or change them." };
    }
    case 'everyone':
      return actor.role === 'admin'
        ? null
        : { code: 'view_change_forbidden', message: 'Only administrators may share views with everyone or change them.' };
  }
}
