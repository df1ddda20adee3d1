import type { Card } from '../model/flow.schema.js';
import type { ImportedCard } from './cards.js';
import { FlopackError } from './okta-json.js';

/*
 * Okta's export gives run order as a flat set of edges (`orderings`); the model gives it as nested
 * lists. Okta's editor writes edges this way (verified over the 125 template exports):
 *   - consecutive cards: one edge from each card to the next;
 *   - If/Else: no edge leaves the If card; each branch starts at its Noop head, runs head → cards,
 *     and every card of the branch (head included) also has an edge to the Join;
 *   - the Join then continues the sequence.
 * Hidden `object:expand` helpers hang right after the card whose output they expand.
 */

export type Edge = readonly [from: string, to: string];

export function buildSequences(cards: ReadonlyMap<string, ImportedCard>, methodOrder: readonly string[], edges: readonly Edge[], path: string): Card[] {
  const successors = new Map<string, string[]>();
  const hasPredecessor = new Set<string>();
  for (const [from, to] of edges) {
    for (const id of [from, to]) if (!cards.has(id)) throw new FlopackError(`an ordering names card '${id}', which is not in the flow`, path);
    const list = successors.get(from) ?? [];
    if (!list.includes(to)) list.push(to);
    successors.set(from, list);
    hasPredecessor.add(to);
  }
  const heads = new Set<string>();
  for (const { branchHeads } of cards.values()) for (const head of Object.keys(branchHeads)) heads.add(head);
  const roots = methodOrder.filter((id) => !hasPredecessor.has(id) && !heads.has(id));
  if (methodOrder.length === 0) return [];
  if (roots.length !== 1) throw new FlopackError(`a flow must start at exactly one card; found ${roots.length} (${roots.join(', ')})`, path);

  const placed = new Set<string>();
  const typeOf = (id: string) => cards.get(id)?.card.type;

  const sequence = (start: string | undefined, join: string | undefined): Card[] => {
    const out: Card[] = [];
    let current = start;
    while (current !== undefined && !placed.has(current)) {
      placed.add(current);
      const imported = cards.get(current);
      if (!imported) throw new FlopackError(`card '${current}' is not in the flow`, path);
      out.push(imported.card);
      const branchHeads = Object.entries(imported.branchHeads);
      if (branchHeads.length > 0) {
        const joinId = findJoin(imported.card, branchHeads.map(([head]) => head), successors, typeOf, path);
        imported.card.branches = branchHeads.map(([head, when]) => {
          const [headCard, ...branchCards] = sequence(head, joinId);
          if (!headCard) throw new FlopackError(`branch head '${head}' of ${imported.card.id} is placed twice`, path);
          return { when, head: headCard, cards: branchCards };
        });
        current = joinId;
        continue;
      }
      const next = (successors.get(current) ?? []).filter((id) => id !== join && id !== current && !placed.has(id));
      const expands = next.filter((id) => typeOf(id) === 'object:expand');
      for (const id of expands) {
        placed.add(id);
        out.push(cards.get(id)!.card);
      }
      let rest = next.filter((id) => !expands.includes(id));
      if (rest.length === 0 && expands.length > 0)
        rest = [...new Set(expands.flatMap((id) => successors.get(id) ?? []))].filter((id) => id !== join && !placed.has(id));
      if (rest.length > 1) throw new FlopackError(`card '${current}' continues to ${rest.length} cards (${rest.join(', ')}); Tollgate cannot tell their order`, path);
      current = rest[0];
    }
    return out;
  };

  const result = sequence(roots[0], undefined);
  const unplaced = methodOrder.filter((id) => !placed.has(id));
  if (unplaced.length > 0) throw new FlopackError(`cards ${unplaced.join(', ')} are not connected to the flow`, path);
  return result;
}

function findJoin(card: Card, heads: string[], successors: ReadonlyMap<string, string[]>, typeOf: (id: string) => string | undefined, path: string): string {
  const [first, ...others] = heads.map((head) => successors.get(head) ?? []);
  const common = first.filter((id) => others.every((list) => list.includes(id)));
  const join = common.find((id) => typeOf(id) === 'control:join') ?? common[0];
  if (join === undefined) throw new FlopackError(`cannot find the Join of If/Else '${card.id}'`, path);
  return join;
}

/** The branch head Okta needs for a branch authored without one. */
export function headOf(card: Card, branch: NonNullable<Card['branches']>[number]): Card {
  return branch.head ?? { id: `${card.id}-${branch.when}`, type: 'control:noop', name: 'Noop' };
}

/** Okta's edges for the model's nested lists (the inverse of buildSequences). */
export function deriveEdges(cards: readonly Card[]): Edge[] {
  const edges: Edge[] = [];
  const sequence = (list: readonly Card[], join: string | undefined) => {
    let previous: string | undefined;
    list.forEach((card, index) => {
      if (previous !== undefined) edges.push([previous, card.id]);
      if (card.branches) {
        const joinId = list[index + 1]?.id;
        for (const branch of card.branches) sequence([headOf(card, branch), ...branch.cards], joinId);
        previous = undefined;
        return;
      }
      if (join !== undefined) edges.push([card.id, join]);
      previous = card.id;
    });
  };
  sequence(cards, undefined);
  return edges;
}

/** Every card in the order Okta lists methods when nothing else says: each card, then its branches. */
export function flattenForExport(cards: readonly Card[]): Array<{ card: Card; branches: Record<string, boolean> }> {
  const out: Array<{ card: Card; branches: Record<string, boolean> }> = [];
  const visit = (list: readonly Card[]) => {
    for (const card of list) {
      const branches = Object.fromEntries((card.branches ?? []).map((branch) => [headOf(card, branch).id, branch.when]));
      out.push({ card, branches });
      for (const branch of card.branches ?? []) {
        out.push({ card: headOf(card, branch), branches: {} });
        visit(branch.cards);
      }
    }
  };
  visit(cards);
  return out;
}
