import type { Card, CardCatalogEntry, Field, FlowDefinition, Wire } from './flow-api';

/** Changes to a flow definition made in the console: pure functions that return a new definition. */

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Every card in structural order (as the server walks them): each card, then its branches' cards. */
export function allCards(cards: readonly Card[]): Card[] {
  const out: Card[] = [];
  for (const card of cards) {
    out.push(card);
    for (const branch of card.branches ?? []) out.push(...allCards(branch.cards));
  }
  return out;
}

export function findCard(def: FlowDefinition, id: string): Card | undefined {
  return allCards(def.cards).find((c) => c.id === id);
}

/** The sequence (list of cards) that holds a card, searched through branches. */
function sequenceOf(cards: Card[], id: string): Card[] | undefined {
  if (cards.some((c) => c.id === id)) return cards;
  for (const card of cards) {
    for (const branch of card.branches ?? []) {
      const found = sequenceOf(branch.cards, id);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * The cards that have certainly run before `id`: earlier cards of its own sequence and of every sequence
 * around it (including the If/Else whose branch holds it), but not the insides of earlier branches.
 */
export function cardsBefore(def: FlowDefinition, id: string): Card[] {
  const walk = (cards: Card[], before: Card[]): Card[] | undefined => {
    for (let i = 0; i < cards.length; i++) {
      const card = cards[i];
      if (card.id === id) return [...before, ...cards.slice(0, i)];
      for (const branch of card.branches ?? []) {
        const found = walk(branch.cards, [...before, ...cards.slice(0, i + 1)]);
        if (found) return found;
      }
    }
    return undefined;
  };
  return walk(def.cards, []) ?? [];
}

export function wireInto(def: FlowDefinition, cardId: string, fieldId: string): Wire | undefined {
  return def.wires.find((w) => w.to.card === cardId && w.to.field === fieldId);
}

/** Sets an input to a typed value (and unplugs any wire into it). */
export function setInputValue(def: FlowDefinition, cardId: string, fieldId: string, value: unknown): FlowDefinition {
  const next = clone(def);
  const field = findCard(next, cardId)?.inputs?.find((f) => f.id === fieldId);
  if (field) field.value = value;
  next.wires = next.wires.filter((w) => !(w.to.card === cardId && w.to.field === fieldId));
  return next;
}

/** Wires an earlier card's output into an input, replacing what fed it. */
export function setInputWire(def: FlowDefinition, cardId: string, fieldId: string, from: { card: string; field: string }): FlowDefinition {
  const next = clone(def);
  next.wires = next.wires.filter((w) => !(w.to.card === cardId && w.to.field === fieldId));
  next.wires.push({ from, to: { card: cardId, field: fieldId } });
  return next;
}

/** Cards that hold the flow's structure: the event card, If/Else and Join cannot be removed here. */
export function isStructural(def: FlowDefinition, card: Card): boolean {
  return def.cards[0]?.id === card.id || card.type === 'control:if' || card.type === 'control:join';
}

export function removeCard(def: FlowDefinition, cardId: string): FlowDefinition {
  const next = clone(def);
  const seq = sequenceOf(next.cards, cardId);
  if (seq) seq.splice(seq.findIndex((c) => c.id === cardId), 1);
  next.wires = next.wires.filter((w) => w.from.card !== cardId && w.to.card !== cardId);
  return next;
}

function uniqueId(taken: Set<string>, base: string): string {
  const stem = base.replace(/[^A-Za-z0-9]+/g, '') || 'card';
  let id = stem;
  for (let n = 2; taken.has(id); n++) id = `${stem}${n}`;
  taken.add(id);
  return id;
}

function fieldsFrom(specs: CardCatalogEntry['inputs'], prefix: string): Field[] {
  const taken = new Set<string>();
  return specs.map((spec) => ({
    id: uniqueId(taken, `${prefix}${spec.group ?? ''}${spec.key}`),
    key: spec.key,
    type: spec.type,
    ...(spec.list ? { list: true } : {}),
    ...(spec.group ? { group: spec.group } : {}),
    ...(spec.label ? { label: spec.label } : {}),
    ...(spec.value !== undefined ? { value: clone(spec.value) } : {}),
  }));
}

/**
 * A new card of a catalogue type after `afterId` in the same sequence, or first in the branch `branch`
 * of If/Else `branchOf`. Returns the new definition and the card's id.
 */
export function addCard(def: FlowDefinition, entry: CardCatalogEntry, place: { after: string } | { branchOf: string; when: boolean }): { def: FlowDefinition; id: string } {
  const next = clone(def);
  const taken = new Set(allCards(next.cards).map((c) => c.id));
  const id = uniqueId(taken, entry.title.replace(/\W+/g, ' ').trim().split(' ').map((w, i) => (i ? w[0].toUpperCase() + w.slice(1) : w.toLowerCase())).join(''));
  const card: Card = { id, type: entry.type, name: entry.title, inputs: fieldsFrom(entry.inputs, ''), outputs: fieldsFrom(entry.outputs, '') };
  if ('after' in place) {
    const seq = sequenceOf(next.cards, place.after);
    if (!seq) throw new Error('That card is not in the flow');
    seq.splice(seq.findIndex((c) => c.id === place.after) + 1, 0, card);
  } else {
    const branch = findCard(next, place.branchOf)?.branches?.find((b) => b.when === place.when);
    if (!branch) throw new Error('That branch is not in the flow');
    branch.cards.unshift(card);
  }
  return { def: next, id };
}

/** A value typed in a text box, read as the field's type. */
export function parseTyped(field: Field, text: string): unknown {
  if (field.list || field.type === 'object' || (typeof field.type === 'object' && field.type !== null)) {
    if (text.trim() === '') return undefined;
    return JSON.parse(text);
  }
  if (field.type === 'number') {
    if (text.trim() === '') return undefined;
    const n = Number(text);
    if (Number.isNaN(n)) throw new Error(`${field.label ?? field.key}: "${text}" is not a number`);
    return n;
  }
  if (field.type === 'boolean') return text === 'true';
  return text;
}

export function showTyped(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The connector whose connection a card uses (Okta's `node.model.config`): API Connector cards
 * (`httpfunctions:*`, but not Close, which answers the flow's caller) and Okta connector cards (`okta:*`).
 */
export function connectorOfCard(type: string): 'httpfunctions' | 'okta' | undefined {
  if (type.startsWith('httpfunctions:') && type !== 'httpfunctions:close') return 'httpfunctions';
  if (type.startsWith('okta:')) return 'okta';
  return undefined;
}

function plainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The id of the connection a card references, as the server reads it (`okta.node.model.config`). */
export function connectionOfCard(card: Card): string | undefined {
  const node = card.okta?.node;
  const model = plainObject(node) ? node.model : undefined;
  const config = plainObject(model) ? model.config : undefined;
  return typeof config === 'string' && config !== '' ? config : undefined;
}

/**
 * Points a card at a connection, or at none (`null`, as Okta's export writes a card without one), in its
 * `okta.node.model.config`; the rest of Okta's bag stays as it came.
 */
export function setCardConnection(def: FlowDefinition, cardId: string, connectionId: string | null): FlowDefinition {
  const next = clone(def);
  const card = findCard(next, cardId);
  if (!card) return next;
  const okta = card.okta ?? {};
  const node = plainObject(okta.node) ? okta.node : {};
  const model = plainObject(node.model) ? node.model : {};
  card.okta = { ...okta, node: { ...node, model: { ...model, config: connectionId } } };
  return next;
}
