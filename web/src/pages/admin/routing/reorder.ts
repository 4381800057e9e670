/** The rules' ids in their new order once the rule at `from` moves to `to` (a list sorted by position). */
export function reorder<T extends { id: string }>(sorted: readonly T[], from: number, to: number): string[] {
  const next = sorted.map((rule) => rule.id);
  if (from < 0 || to < 0 || from >= next.length || to >= next.length) return next;
  next.splice(to, 0, ...next.splice(from, 1));
  return next;
}
