/**
 * The position changes that move the rule at `from` to `to` in a list sorted by position:
 * a swap when the two positions differ; otherwise (equal positions say nothing about order)
 * the whole list is renumbered 10, 20, 30 … in the new order, sending only what changes.
 */
export function reorder<T extends { id: string; position: number }>(sorted: readonly T[], from: number, to: number): Array<{ id: string; position: number }> {
  const a = sorted[from];
  const b = sorted[to];
  if (!a || !b) return [];
  if (a.position !== b.position) {
    return [
      { id: a.id, position: b.position },
      { id: b.id, position: a.position },
    ];
  }
  const next = [...sorted];
  next.splice(to, 0, ...next.splice(from, 1));
  return next.flatMap((rule, i) => (rule.position === (i + 1) * 10 ? [] : [{ id: rule.id, position: (i + 1) * 10 }]));
}
