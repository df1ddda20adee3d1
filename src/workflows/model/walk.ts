import type { Card, FlowGraph } from './flow.schema.js';

/**
 * Every card of a graph in structural order: each card, then (for If/Else) each branch's head and
 * cards. Cards of flows nested in `flo` fields belong to their own graph and are not included.
 */
export function allCards(graph: Pick<FlowGraph, 'cards'>): Card[] {
  const out: Card[] = [];
  const visit = (cards: readonly Card[]): void => {
    for (const card of cards) {
      out.push(card);
      for (const branch of card.branches ?? []) {
        if (branch.head) out.push(branch.head);
        visit(branch.cards);
      }
    }
  };
  visit(graph.cards);
  return out;
}

export function cardsById(graph: Pick<FlowGraph, 'cards'>): Map<string, Card> {
  return new Map(allCards(graph).map((card) => [card.id, card]));
}

/** How a person reads a card in a message: its title, type and id. */
export function describeCard(card: Pick<Card, 'id' | 'type' | 'name'>): string {
  return `'${card.name ?? card.type}' (${card.type}, id ${card.id})`;
}
