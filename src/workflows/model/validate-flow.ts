import { Value } from '@sinclair/typebox/value';
import { FlowDefinition, WIRE_CONVERSIONS, type Card, type FlowGraph } from './flow.schema.js';
import { allCards, describeCard } from './walk.js';

/** One reason a flow definition cannot run, with where it is (a JSON pointer into the document). */
export interface FlowProblem {
  path: string;
  message: string;
}

/**
 * Checks a flow document beyond its schema: unique card ids, wires that join an existing output to an
 * existing input of a later card, known conversions, and every If/Else followed by its Join.
 * Returns an empty list when the flow is sound.
 */
export function validateFlow(flow: unknown): FlowProblem[] {
  const schemaProblems = [...Value.Errors(FlowDefinition, flow)].map((error) => ({
    path: error.path || '/',
    message: error.message,
  }));
  if (schemaProblems.length > 0) return schemaProblems.slice(0, 20);
  return validateGraph(flow as FlowDefinition, '');
}

function validateGraph(graph: FlowGraph, path: string): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const cards = allCards(graph);
  const position = new Map<string, number>();
  cards.forEach((card, index) => {
    if (position.has(card.id)) problems.push({ path: `${path}/cards`, message: `card id '${card.id}' is used twice` });
    else position.set(card.id, index);
    problems.push(...validateCard(card, `${path}/cards`));
  });
  problems.push(...validateSequences(graph.cards, `${path}/cards`));

  const byId = new Map(cards.map((card) => [card.id, card]));
  graph.wires.forEach((wire, index) => {
    const at = `${path}/wires/${index}`;
    const source = byId.get(wire.from.card);
    const target = byId.get(wire.to.card);
    if (!source) problems.push({ path: at, message: `wire comes from card '${wire.from.card}', which is not in the flow` });
    else if (!(source.outputs ?? []).some((field) => field.id === wire.from.field))
      problems.push({ path: at, message: `wire comes from output '${wire.from.field}', which card ${describeCard(source)} does not have` });
    if (!target) problems.push({ path: at, message: `wire goes to card '${wire.to.card}', which is not in the flow` });
    else if (!(target.inputs ?? []).some((field) => field.id === wire.to.field))
      problems.push({ path: at, message: `wire goes to input '${wire.to.field}', which card ${describeCard(target)} does not have` });
    if (source && target && (position.get(source.id) ?? 0) >= (position.get(target.id) ?? 0))
      problems.push({ path: at, message: `wire goes from ${describeCard(source)} to ${describeCard(target)}, which does not run after it` });
    if (wire.convert !== undefined && !(WIRE_CONVERSIONS as readonly string[]).includes(wire.convert))
      problems.push({ path: at, message: `unknown conversion '${wire.convert}' (known: ${WIRE_CONVERSIONS.join(', ')})` });
  });
  return problems;
}

function validateCard(card: Card, path: string): FlowProblem[] {
  const problems: FlowProblem[] = [];
  for (const side of ['inputs', 'outputs'] as const) {
    const seen = new Set<string>();
    for (const field of card[side] ?? []) {
      if (seen.has(field.id)) problems.push({ path, message: `card ${describeCard(card)} has two ${side} with id '${field.id}'` });
      seen.add(field.id);
      if (field.flow) problems.push(...validateGraph(field.flow, `${path}/${card.id}/${side}/${field.id}/flow`));
    }
  }
  if (card.type === 'control:if') {
    const whens = (card.branches ?? []).map((branch) => branch.when);
    if (!whens.includes(true) || !whens.includes(false) || whens.length !== 2)
      problems.push({ path, message: `If/Else ${describeCard(card)} needs exactly one true and one false branch` });
  } else if (card.branches !== undefined) {
    problems.push({ path, message: `card ${describeCard(card)} is not an If/Else and cannot have branches` });
  }
  return problems;
}

/** Every If/Else must be followed by the Join that merges its branches, in the same sequence. */
function validateSequences(cards: readonly Card[], path: string): FlowProblem[] {
  const problems: FlowProblem[] = [];
  cards.forEach((card, index) => {
    if (card.type === 'control:if' && cards[index + 1]?.type !== 'control:join')
      problems.push({ path, message: `If/Else ${describeCard(card)} must be followed by a Join (control:join) card` });
    for (const branch of card.branches ?? []) problems.push(...validateSequences(branch.cards, path));
  });
  return problems;
}
