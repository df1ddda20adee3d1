import type { FlowDefinition } from '../model/flow.schema.js';
import { exportFlow, importFlow } from './flow.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../platform/json-depth.js';
import { cloneJson, FlopackError, objectAt, stringAt, take, type JsonObject } from './okta-json.js';

/**
 * The contents of an Okta export: `.flopack`, `.flow` and `.folder` files all hold the same JSON
 * (`"type": "flopack"`). Flows become Tollgate flow definitions; folders (`groups`), tables and
 * connections (`configs`) are kept as Okta wrote them, by id. `okta` keeps the rest of the file.
 */
export interface FlopackContents {
  version: string;
  flows: FlowDefinition[];
  folders: Record<string, JsonObject>;
  tables: Record<string, JsonObject>;
  connections: Record<string, JsonObject>;
  okta: { file: JsonObject; data: JsonObject };
}

/** Reads an export (parsed JSON). Throws FlopackError, naming where, for anything malformed. */
export function readFlopack(json: unknown): FlopackContents {
  if (nestsDeeperThan(json)) throw new FlopackError(`the file nests deeper than ${MAX_JSON_DEPTH} levels`, '');
  const file = cloneJson(objectAt(json, ''));
  if (file.type !== 'flopack') throw new FlopackError(`this is not an Okta Workflows export ("type" is ${JSON.stringify(file.type) ?? 'missing'}, expected "flopack")`, 'type');
  take(file, 'type');
  const version = stringAt(take(file, 'version'), 'version');
  const data = objectAt(take(file, 'data'), 'data');
  const flos = objectAt(take(data, 'flos'), 'data.flos');
  const flows = Object.entries(flos).map(([key, flo]) => {
    const flow = importFlow(flo, `data.flos.${key}`);
    if (flow.id !== key) throw new FlopackError(`the flow is filed under '${key}' but its id is '${flow.id}'`, `data.flos.${key}`);
    return flow;
  });
  return {
    version,
    flows,
    folders: recordAt(take(data, 'groups'), 'data.groups'),
    tables: recordAt(take(data, 'tables'), 'data.tables'),
    connections: recordAt(take(data, 'configs'), 'data.configs'),
    okta: { file, data },
  };
}

function recordAt(value: unknown, path: string): Record<string, JsonObject> {
  if (value === undefined) return {};
  const record = objectAt(value, path);
  for (const [key, entry] of Object.entries(record)) objectAt(entry, `${path}.${key}`);
  return record as Record<string, JsonObject>;
}

/** Writes an export; for contents read by readFlopack it gives back the same JSON. */
export function writeFlopack(contents: FlopackContents): JsonObject {
  const flos = Object.fromEntries(contents.flows.map((flow) => exportFlow(flow)).map((flo) => [flo.id as string, flo]));
  return {
    ...cloneJson(contents.okta.file),
    type: 'flopack',
    version: contents.version,
    data: {
      ...cloneJson(contents.okta.data),
      flos,
      configs: cloneJson(contents.connections),
      tables: cloneJson(contents.tables),
      groups: cloneJson(contents.folders),
    },
  };
}

/** Okta's latest export format seen, for flows that did not come from an export. */
export const LATEST_FLOPACK_VERSION = '1.5.0';

/**
 * A new export of Tollgate flows (what `flows/{id}/export` serves): in the format version the flow was
 * imported with (`version`), else Okta's latest seen format. The flows' own `flopackVersion` stays out of
 * the flo JSON (it is file-level in Okta's format).
 */
export function flopackOf(flows: FlowDefinition[], options: { created: Date; folders?: Record<string, JsonObject>; version?: string }): JsonObject {
  return writeFlopack({
    version: options.version ?? LATEST_FLOPACK_VERSION,
    flows: flows.map(({ flopackVersion: _version, ...flow }) => flow),
    folders: options.folders ?? {},
    tables: {},
    connections: {},
    okta: {
      file: { created: options.created.toISOString(), flags: { 'auto-transform': true, looseBooleans: true, looseStrings: true, looseNulls: true } },
      data: {},
    },
  });
}
