import { CardError } from '../engine/card.js';
import type { FlowGraph, Wire } from '../model/flow.schema.js';
import { exportCard, importCard, type ImportedCard } from './cards.js';
import type { GraphCodec } from './fields.js';
import { arrayAt, cloneJson, fingerprint, FlopackError, idAt, isObject, objectAt, stableId, take, type JsonObject } from './okta-json.js';
import { buildSequences, deriveEdges, flattenForExport, type Edge } from './structure.js';

/*
 * A flow's cards and wiring (Okta's `methods`, `pins`, `orderings`, `branches`), for a whole flow and
 * for flows nested in `flo` fields. Okta bookkeeping kept in the graph's `okta` bag:
 *   data            the rest of Okta's flow object, `orderings` included (their ids);
 *   methodOrder     the order of `methods` in the file;
 *   orderingsBasis  a fingerprint of the edges the model implies, to know on export whether the
 *                   structure is unchanged (then the stored orderings are written back verbatim).
 */

export const graphCodec: GraphCodec = { importGraph, exportGraph };

/**
 * The engine's reader of a flow nested in an error policy (`policy.error.flo`), read when the card
 * first fails: a file that cannot be read fails that card, not the import.
 */
export function readNestedFlow(flo: object, path: string): FlowGraph {
  try {
    return importGraph(flo, path);
  } catch (error) {
    if (error instanceof FlopackError) throw new CardError(`the error handler flow of this card cannot be read: ${error.message}`);
    throw error;
  }
}

export function importGraph(raw: unknown, path: string): FlowGraph {
  const rest = cloneJson(objectAt(raw, path));
  const methods = arrayAt(take(rest, 'methods'), `${path}.methods`);
  const imported = new Map<string, ImportedCard>();
  methods.forEach((method, index) => {
    const card = importCard(method, `${path}.methods[${index}]`, graphCodec);
    if (imported.has(card.card.id)) throw new FlopackError(`card id '${card.card.id}' is used twice`, `${path}.methods[${index}]`);
    imported.set(card.card.id, card);
  });
  const methodOrder = [...imported.keys()];
  const edges = readOrderings(rest.orderings, `${path}.orderings`);
  const cards = buildSequences(imported, methodOrder, edges, path);
  const wires: Wire[] = [];
  for (const { wires: cardWires } of imported.values()) {
    for (const wire of cardWires) {
      if (!imported.has(wire.to.card)) throw new FlopackError(`a pin of card '${wire.from.card}' goes to card '${wire.to.card}', which is not in the flow`, path);
      wires.push(wire);
    }
  }
  return { cards, wires, okta: { data: rest, methodOrder, orderingsBasis: edgesFingerprint(deriveEdges(cards)) } };
}

function readOrderings(raw: unknown, path: string): Edge[] {
  if (raw === undefined) return [];
  return Object.entries(objectAt(raw, path)).map(([id, edge]) => {
    idAt(id, path);
    const pair = arrayAt(edge, `${path}.${id}`);
    if (pair.length !== 2) throw new FlopackError('an ordering must name two cards', `${path}.${id}`);
    return [idAt(pair[0], `${path}.${id}[0]`), idAt(pair[1], `${path}.${id}[1]`)] as const;
  });
}

function edgesFingerprint(edges: readonly Edge[]): string {
  return fingerprint(edges.map(([from, to]) => `${from}>${to}`).sort().join('|'));
}

export function exportGraph(graph: FlowGraph): JsonObject {
  const okta = graph.okta ?? {};
  const data: JsonObject = isObject(okta.data) ? cloneJson(okta.data) : authoredGraphData();
  const flat = flattenForExport(graph.cards);
  const known = new Map(flat.map((entry) => [entry.card.id, entry]));
  const storedOrder = Array.isArray(okta.methodOrder) ? okta.methodOrder.filter((id): id is string => typeof id === 'string' && known.has(id)) : [];
  const order = [...new Set([...storedOrder, ...flat.map((entry) => entry.card.id)])];
  const wiresFrom = new Map<string, Wire[]>();
  for (const wire of graph.wires) wiresFrom.set(wire.from.card, [...(wiresFrom.get(wire.from.card) ?? []), wire]);
  data.methods = order.map((id) => {
    const entry = known.get(id)!;
    return exportCard(entry.card, wiresFrom.get(id) ?? [], entry.branches, graphCodec);
  });
  const edges = deriveEdges(graph.cards);
  const unchanged = isObject(data.orderings) && okta.orderingsBasis === edgesFingerprint(edges);
  if (!unchanged) data.orderings = orderingsFor(edges, isObject(data.orderings) ? data.orderings : {});
  return data;
}

/** Edge ids: reuse the stored id of the same edge, else a stable new one. */
function orderingsFor(edges: readonly Edge[], stored: JsonObject): JsonObject {
  const idsByEdge = new Map<string, string[]>();
  for (const [id, pair] of Object.entries(stored)) {
    if (!Array.isArray(pair)) continue;
    const key = `${String(pair[0])}>${String(pair[1])}`;
    idsByEdge.set(key, [...(idsByEdge.get(key) ?? []), id]);
  }
  return Object.fromEntries(edges.map(([from, to], index) => [idsByEdge.get(`${from}>${to}`)?.shift() ?? stableId(`${from}>${to}#${index}`), [from, to]]));
}

/** The flow object Okta's editor writes, for graphs authored in Tollgate. */
function authoredGraphData(): JsonObject {
  return {
    id: null,
    display: { preview: [], isCallable: false, isPublishable: true },
    tree: { id: 2, name: 'empty', description: 'This flow has been build w/o a tree and uses the newer, async, Addressing module.' },
    model: {},
    orderings: {},
    cron: {},
    security_level: null,
    log: true,
    inheritLog: true,
    scheduled: false,
    group: null,
    templateName: null,
    connector_method_meta: { inputs: {}, outputs: {}, options: {} },
    monitor_flo: false,
  };
}
