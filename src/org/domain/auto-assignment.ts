export const ASSIGNMENT_MODES = ['none', 'round_robin', 'least_open'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

/** A department member who could receive a ticket. */
export interface AssignmentCandidate {
  userId: string;
  onDuty: boolean;
  openTickets: number;
}

/**
 * Picks who receives a ticket arriving in a department, or null to leave it in the queue.
 * Only members on duty count. Round-robin continues after the last member who received one
 * (members sorted by id, so the turn survives restarts); least-open picks the lightest load,
 * breaking ties by the same turn order so equal loads still rotate.
 */
export function chooseAssignee(
  mode: AssignmentMode,
  candidates: readonly AssignmentCandidate[],
  lastAssignedUserId: string | null,
): string | null {
  if (mode === 'none') return null;
  const onDuty = candidates.filter((c) => c.onDuty).sort((a, b) => (a.userId < b.userId ? -1 : 1));
  if (onDuty.length === 0) return null;
  const start = lastAssignedUserId === null ? 0 : onDuty.findIndex((c) => c.userId > lastAssignedUserId);
  const turnOrder = start <= 0 ? onDuty : [...onDuty.slice(start), ...onDuty.slice(0, start)];
  if (mode === 'round_robin') return turnOrder[0]!.userId;
  const fewest = Math.min(...turnOrder.map((c) => c.openTickets));
  return turnOrder.find((c) => c.openTickets === fewest)!.userId;
}
