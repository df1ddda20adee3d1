import type { Executor } from '../../platform/db/index.js';

interface Ranked { id: string; system: number }

/**
 * New priorities (1..n) after putting `target` at position `wanted` (1-based; default: last). System policies
 * and rules are Okta's catch-alls: they always stay after the others, and their own position does not move.
 * Returns only the rows whose priority changes.
 */
export function reprioritize<T extends Ranked & { priority: number }>(ordered: T[], target: Ranked, wanted?: number | null): Map<string, number> {
  const others = ordered.filter((r) => r.id !== target.id);
  const regular = others.filter((r) => r.system !== 1).map((r) => r.id);
  const system = others.filter((r) => r.system === 1).map((r) => r.id);
  if (target.system === 1) system.push(target.id);
  else {
    const index = Math.min(Math.max((wanted ?? regular.length + 1) - 1, 0), regular.length);
    regular.splice(index, 0, target.id);
  }
  const current = new Map<string, number>(ordered.map((r) => [r.id, r.priority]));
  const changes = new Map<string, number>();
  [...regular, ...system].forEach((id, i) => {
    if (current.get(id) !== i + 1) changes.set(id, i + 1);
  });
  return changes;
}

/** Writes the priorities computed by `reprioritize` to `policies` or `policy_rules`. */
export async function applyPriorities(db: Executor, table: 'policies' | 'policy_rules', changes: Map<string, number>, skipId?: string): Promise<void> {
  for (const [id, priority] of changes) {
    if (id === skipId) continue;
    await db.updateTable(table).set({ priority }).where('id', '=', id).execute();
  }
}
