import { FLOW_FORMAT, type FlowDefinition, type SecurityLevel } from '../model/flow.schema.js';
import { exportGraph, importGraph } from './graph.js';
import { cloneJson, FlopackError, idAt, isObject, objectAt, take, type JsonObject } from './okta-json.js';

const SECURITY_LEVELS: readonly string[] = ['open', 'medium', 'high'];

/** One flow of an Okta export (`data.flos[<id>]`) as a Tollgate flow definition. */
export function importFlow(raw: unknown, path: string): FlowDefinition {
  const rest = cloneJson(objectAt(raw, path));
  const id = idAt(take(rest, 'id'), `${path}.id`);
  const name = take(rest, 'name');
  if (typeof name !== 'string' || name.trim() === '') throw new FlopackError('a flow needs a name', `${path}.name`);
  const description = take(rest, 'description');
  const data = objectAt(take(rest, 'data'), `${path}.data`);
  const flow: FlowDefinition = { format: FLOW_FORMAT, id, name, cards: [], wires: [] };
  if (typeof description === 'string') flow.description = description;
  else if (description !== undefined) rest.description = description;

  // Flow settings the model names; Okta's other settings stay in the bag.
  const settings = cloneJson(data);
  if (typeof settings.security_level === 'string' && SECURITY_LEVELS.includes(settings.security_level))
    flow.securityLevel = take(settings, 'security_level') as SecurityLevel;
  if (typeof settings.log === 'boolean') flow.saveAllData = take(settings, 'log') as boolean;
  if (typeof settings.group === 'string') flow.folderId = take(settings, 'group') as string;
  // A scheduled flow's `cron` and `scheduled`; other flows keep theirs (`{}`, false) in the bag.
  if (settings.scheduled === true && isObject(settings.cron)) {
    flow.schedule = { cron: take(settings, 'cron') as JsonObject, enabled: take(settings, 'scheduled') as boolean };
  }

  const graph = importGraph(settings, `${path}.data`);
  flow.cards = graph.cards;
  flow.wires = graph.wires;
  flow.okta = { ...graph.okta, ...(Object.keys(rest).length > 0 ? { flo: rest } : {}) };
  return flow;
}

/** A Tollgate flow definition as Okta's flow JSON (`data.flos[<id>]` of a `.flopack`/`.flow`). */
export function exportFlow(flow: FlowDefinition): JsonObject {
  const id = flow.id ?? globalThis.crypto.randomUUID();
  const authored = !isObject(flow.okta?.data);
  const data = exportGraph(flow);
  if (authored) {
    data.uuid = id;
    data.display = { ...(isObject(data.display) ? data.display : {}), preview: previewOf(flow), isCallable: flow.cards[0]?.type === 'control:callable' };
  }
  if (flow.securityLevel !== undefined) data.security_level = flow.securityLevel;
  if (flow.saveAllData !== undefined) data.log = flow.saveAllData;
  if (flow.folderId !== undefined) data.group = flow.folderId;
  if (flow.schedule !== undefined) {
    data.cron = cloneJson(flow.schedule.cron as JsonObject);
    data.scheduled = flow.schedule.enabled;
  }
  const outer = isObject(flow.okta?.flo) ? cloneJson(flow.okta.flo) : {};
  return { ...outer, id, name: flow.name, description: flow.description ?? '', data };
}

/** Okta's thumbnail list of cards. */
function previewOf(flow: FlowDefinition): JsonObject[] {
  return flow.cards.map((card) => {
    const [module, name] = card.type.split(':');
    return { module, name, kernel: !card.type.startsWith('httpfunctions:') };
  });
}
