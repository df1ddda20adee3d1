import type { Field, FlowGraph } from '../model/flow.schema.js';
import { cloneJson, FlopackError, idAt, isObject, objectAt, take, type JsonObject } from './okta-json.js';

/*
 * A field of Okta's export (`inputs.data[id]` / `outputs.data[id]`) and the model's Field.
 * What the model expresses is taken out; the rest stays in `okta` and is merged back on export.
 */

export interface GraphCodec {
  importGraph(data: unknown, path: string): FlowGraph;
  exportGraph(graph: FlowGraph): JsonObject;
}

export function importField(raw: unknown, path: string, graphs: GraphCodec): Field {
  const rest = cloneJson(objectAt(raw, path));
  const id = idAt(take(rest, 'id'), `${path}.id`);
  const key = take(rest, 'key');
  if (typeof key !== 'string') throw new FlopackError('a field needs a key', path);
  const value = objectAt(rest.value, `${path}.value`);
  const type = take(value, 'type');
  if (!(typeof type === 'string' && type !== '') && !isObject(type)) throw new FlopackError('a field needs a type', `${path}.value`);
  const field: Field = { id, key, type };

  if (typeof value.collection === 'boolean') {
    if (take(value, 'collection') === true) field.list = true;
  }
  if ('data' in value) {
    const data = take(value, 'data');
    if (type === 'flo' && isObject(data) && Array.isArray(data.methods)) field.flow = graphs.importGraph(data, `${path}.value.data`);
    else if (data !== null) field.value = data;
  }
  if (Object.keys(value).length === 0) delete rest.value;

  if (typeof rest.group === 'string') field.group = take(rest, 'group') as string;
  else if (rest.group === null) delete rest.group;

  if (isObject(rest.metadata)) {
    const metadata = rest.metadata;
    if (typeof metadata.displayname === 'string') field.label = take(metadata, 'displayname') as string;
    if (metadata.custom === true) field.custom = take(metadata, 'custom') as boolean;
    if (Object.keys(metadata).length === 0) delete rest.metadata;
  }
  if (Object.keys(rest).length > 0) field.okta = rest;
  return field;
}

/** Okta's field JSON. Fields authored in Tollgate get the properties Okta's editor writes. */
export function exportField(field: Field, index: number, side: 'inputs' | 'outputs', graphs: GraphCodec): JsonObject {
  const authored = field.okta === undefined;
  const base: JsonObject = authored ? authoredFieldDefaults(index, side) : cloneJson(field.okta as JsonObject);
  const value: JsonObject = isObject(base.value) ? base.value : {};
  value.type = cloneJson(field.type);
  if (authored || field.list !== undefined || !('collection' in value)) value.collection = field.list === true;
  value.data = field.flow ? graphs.exportGraph(field.flow) : field.value === undefined ? null : cloneJson(field.value);
  const metadata: JsonObject = isObject(base.metadata) ? base.metadata : {};
  if (field.label !== undefined) metadata.displayname = field.label;
  if (field.custom) metadata.custom = true;
  return {
    ...base,
    id: field.id,
    group: field.group ?? (base.group === undefined ? null : base.group),
    key: field.key,
    value,
    metadata,
  };
}

function authoredFieldDefaults(index: number, side: 'inputs' | 'outputs'): JsonObject {
  return side === 'inputs'
    ? { ref: false, required: false, flags: 'd', metadata: { index } }
    : { ref: false, metadata: { index } };
}
