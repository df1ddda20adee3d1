import type { AppContext } from '../../platform/context.js';
import { flopackOf } from '../flopack/index.js';
import type { FlowDefinition } from '../model/index.js';
import { connectionRowsByIds } from './connections.store.js';
import { connectionIdsOfFlow, tableIdsOfFlow } from './flow-references.js';
import { findFlowRow, type FlowRow } from './flows.store.js';
import { tablesByIds, type StoredTable } from './tables.store.js';

type JsonObject = Record<string, unknown>;

export interface StoredFlowPack {
  row: FlowRow;
  flopack: JsonObject;
  /** The tables written into the file (the API's export logs a schema export for each). */
  tables: StoredTable[];
}

/**
 * A stored flow as an Okta `.flopack` export: the flow, its folder (when it came with one), the tables of
 * the flow's folder it uses (schema only: as in Okta, exports carry no table data) and its connections
 * (`data.configs`, Okta's JSON verbatim, never a binding or secret). The one export of both
 * `GET …/flows/{id}/export` (which adds its System Log events) and the Export Flow card. Undefined when
 * there is no such flow.
 */
export async function exportFlowPack(ctx: AppContext, id: string): Promise<StoredFlowPack | undefined> {
  const row = await findFlowRow(ctx.db, id);
  if (!row) return undefined;
  const definition = JSON.parse(row.definition) as FlowDefinition;
  const folder = row.folder ? (JSON.parse(row.folder) as JsonObject) : undefined;
  const folders = folder && definition.folderId ? { [definition.folderId]: folder } : undefined;
  const flopack = flopackOf([definition], { created: ctx.clock(), folders, version: definition.flopackVersion });
  const tables = (await tablesByIds(ctx.db, tableIdsOfFlow(definition))).filter((entry) => !definition.folderId || !entry.table.folderId || entry.table.folderId === definition.folderId);
  (flopack.data as JsonObject).tables = Object.fromEntries(tables.map((entry) => [entry.table.id, entry.okta]));
  const connections = await connectionRowsByIds(ctx.db, connectionIdsOfFlow(definition));
  (flopack.data as JsonObject).configs = Object.fromEntries(connections.map((row) => [row.id, JSON.parse(row.okta) as JsonObject]));
  return { row, flopack, tables };
}
