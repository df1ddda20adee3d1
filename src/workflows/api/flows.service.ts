/**
 * Flows as the Workflows API, the CLI and the demo org change them: create, replace, turn on/off, delete,
 * export and import. Each change and its System Log event commit in one transaction, and the invoke cache
 * of this process forgets the flow at once.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import { errors, OktaError } from '../../platform/errors.js';
import type { AuditContext } from '../../events/log-event.js';
import { recordEvent } from '../../events/record-event.js';
import { FlopackError, readFlopack } from '../flopack/index.js';
import { formatFlow, validateFlow, type FlowDefinition } from '../model/index.js';
import { workflowRuntime } from '../runtime/workflow-runtime.js';
import { bumpSubscriptionVersion } from '../../events/subscription-version.js';
import { FLOW_EVENT_SINK } from '../runtime/flow-event-sink.js';
import { deleteExecutionsOfFlow } from '../store/executions.store.js';
import { exportFlowPack } from '../store/flow-export.js';
import { deleteFlowRow, findFlowRow, insertFlowRow, listFlowRows, updateFlowRow, type FlowRow } from '../store/flows.store.js';
import { needsClientToken, toFlowResource, type FlowResource } from './flow-json.js';
import { checkedImportTables, importTables, tableTarget } from './tables.service.js';
import { checkedImportConnections, importConnections, type ImportedConnection } from './connections.service.js';

type JsonObject = Record<string, unknown>;

/** Flow ids appear in URLs: Okta's uuids and other plain ids. */
const FLOW_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

export async function getFlowRow(db: Executor, id: string): Promise<FlowRow> {
  const row = await findFlowRow(db, id);
  if (!row) throw errors.notFound('Flow', id);
  return row;
}

export async function getFlow(ctx: AppContext, id: string): Promise<FlowResource> {
  return toFlowResource(ctx, await getFlowRow(ctx.db, id));
}

export async function listFlows(ctx: AppContext, options: { limit: number; after?: string }): Promise<{ items: FlowResource[]; nextAfter?: string }> {
  const after = parseCursor(options.after);
  const rows = await listFlowRows(ctx.db, { limit: options.limit + 1, after: after && { created: after[0], id: after[1] } });
  const items = rows.slice(0, options.limit).map((row) => toFlowResource(ctx, row));
  const last = rows.length > options.limit ? rows[options.limit - 1] : undefined;
  return { items, nextAfter: last ? `${last.created}|${last.id}` : undefined };
}

/** A flow definition from a request body, checked; every problem becomes one error cause. */
export function checkedDefinition(body: unknown, idFromPath?: string): FlowDefinition {
  const problems = validateFlow(body);
  if (problems.length > 0) throw errors.validation('flow', problems.map((p) => `${p.path}: ${p.message}`));
  const definition = body as FlowDefinition;
  if (idFromPath !== undefined && definition.id !== undefined && definition.id !== idFromPath) {
    throw errors.validation('id', [`id: The flow's id '${definition.id}' is not the id in the URL, '${idFromPath}'`]);
  }
  const id = idFromPath ?? definition.id ?? randomUUID();
  if (!FLOW_ID.test(id)) throw errors.validation('id', ['id: A flow id is 1 to 128 letters, digits, dots, dashes and underscores']);
  return { ...definition, id };
}

function newAlias(): string {
  return randomBytes(16).toString('hex');
}

function newClientToken(ctx: AppContext): string {
  return ctx.secrets.encrypt(randomBytes(24).toString('hex'));
}

function flowTarget(row: Pick<FlowRow, 'id' | 'name'>) {
  return [{ id: row.id, type: 'Flow', alternateId: row.id, displayName: row.name }];
}

function newFlowRow(ctx: AppContext, definition: FlowDefinition & { id: string }, options: { active: boolean; folder?: JsonObject }): FlowRow {
  const now = ctx.clock().toISOString();
  return {
    id: definition.id,
    name: definition.name,
    alias: newAlias(),
    status: options.active ? 'ACTIVE' : 'INACTIVE',
    client_token_encrypted: needsClientToken(definition) ? newClientToken(ctx) : null,
    definition: formatFlow(definition),
    folder: options.folder ? JSON.stringify(options.folder) : null,
    version: 1,
    created: now,
    last_updated: now,
  };
}

/** Creates a flow, off unless `activate` (Okta creates flows off). Writes `workflows.user.flow.create`. */
export async function createFlow(ctx: AppContext, audit: AuditContext, body: unknown, options: { activate?: boolean } = {}): Promise<FlowResource> {
  const definition = checkedDefinition(body) as FlowDefinition & { id: string };
  const row = newFlowRow(ctx, definition, { active: options.activate === true });
  await ctx.db.transaction().execute(async (trx) => {
    await bumpSubscriptionVersion(trx); // flows that start on events are a sink's targets
    if (await findFlowRow(trx, row.id)) throw errors.validation('id', [`id: A flow with id '${row.id}' already exists`]);
    await insertFlowRow(trx, row);
    await recordEvent(ctx, trx, audit, { eventType: 'workflows.user.flow.create', displayMessage: 'Create flow', target: flowTarget(row) });
    if (options.activate) await recordEvent(ctx, trx, audit, { eventType: 'workflows.user.flow.activate', displayMessage: 'Activate flow', target: flowTarget(row) });
  });
  return toFlowResource(ctx, row);
}

/** The stored flow with a new definition; the alias, client token (while needed) and on/off state stay. */
function replacedRow(ctx: AppContext, current: FlowRow, definition: FlowDefinition, folder?: JsonObject): FlowRow {
  const token = needsClientToken(definition) ? (current.client_token_encrypted ?? newClientToken(ctx)) : current.client_token_encrypted;
  return {
    ...current,
    name: definition.name,
    definition: formatFlow(definition),
    client_token_encrypted: token,
    folder: folder ? JSON.stringify(folder) : current.folder,
    version: Number(current.version) + 1,
    last_updated: ctx.clock().toISOString(),
  };
}

/** Replaces a flow's definition (PUT). Writes `workflows.user.flow.save`. */
export async function replaceFlow(ctx: AppContext, audit: AuditContext, id: string, body: unknown): Promise<FlowResource> {
  const current = await getFlowRow(ctx.db, id);
  const definition = checkedDefinition(body, id);
  const row = replacedRow(ctx, current, definition);
  await ctx.db.transaction().execute(async (trx) => {
    await bumpSubscriptionVersion(trx); // flows that start on events are a sink's targets
    await getFlowRow(trx, id);
    await updateFlowRow(trx, id, row);
    await recordEvent(ctx, trx, audit, { eventType: 'workflows.user.flow.save', displayMessage: 'Save flow', target: flowTarget(row) });
  });
  workflowRuntime(ctx).flows.forget(row.alias);
  return toFlowResource(ctx, row);
}

/** Turns a flow on or off; no change and no event when it already is. */
export async function setFlowStatus(ctx: AppContext, audit: AuditContext, id: string, status: 'ACTIVE' | 'INACTIVE'): Promise<FlowResource> {
  const current = await getFlowRow(ctx.db, id);
  if (current.status === status) return toFlowResource(ctx, current);
  const row: FlowRow = { ...current, status, version: Number(current.version) + 1, last_updated: ctx.clock().toISOString() };
  await ctx.db.transaction().execute(async (trx) => {
    await bumpSubscriptionVersion(trx); // flows that start on events are a sink's targets
    await updateFlowRow(trx, id, { status: row.status, version: row.version, last_updated: row.last_updated });
    await recordEvent(ctx, trx, audit, {
      eventType: status === 'ACTIVE' ? 'workflows.user.flow.activate' : 'workflows.user.flow.deactivate',
      displayMessage: status === 'ACTIVE' ? 'Activate flow' : 'Deactivate flow',
      target: flowTarget(row),
    });
  });
  workflowRuntime(ctx).flows.forget(row.alias);
  return toFlowResource(ctx, row);
}

/** Deletes a flow that is off, with its execution history. Writes `workflows.user.flow.delete`. */
export async function deleteFlow(ctx: AppContext, audit: AuditContext, id: string): Promise<void> {
  const current = await getFlowRow(ctx.db, id);
  if (current.status === 'ACTIVE') throw errors.validation('status', ['status: Turn the flow off (deactivate) before deleting it']);
  await workflowRuntime(ctx).recorder.flush();
  await ctx.db.transaction().execute(async (trx) => {
    await bumpSubscriptionVersion(trx); // flows that start on events are a sink's targets
    await deleteFlowRow(trx, id);
    await deleteExecutionsOfFlow(trx, id);
    // Events still waiting to start this flow go with it (as an event hook's do).
    await ctx.events.outbox.forgetTarget(trx, FLOW_EVENT_SINK, id);
    await recordEvent(ctx, trx, audit, { eventType: 'workflows.user.flow.delete', displayMessage: 'Delete flow', target: flowTarget(current) });
  });
  workflowRuntime(ctx).flows.forget(current.alias);
  workflowRuntime(ctx).limiter.forget(id);
}

/**
 * `GET …/flows/{id}/export`: the stored flow as an Okta `.flopack` (store/flow-export.ts, the same file the
 * Export Flow card gets), with Okta's `workflows.user.table.schema.export` for each table in it and
 * `workflows.user.flow.export`, the events of what a user exported.
 */
export async function exportFlowPackApi(ctx: AppContext, audit: AuditContext, id: string): Promise<{ name: string; flopack: JsonObject }> {
  const exported = await exportFlowPack(ctx, id);
  if (!exported) throw errors.notFound('Flow', id);
  for (const entry of exported.tables) {
    await recordEvent(ctx, ctx.db, audit, { eventType: 'workflows.user.table.schema.export', displayMessage: 'Export table schema', target: tableTarget(entry.table) });
  }
  await recordEvent(ctx, ctx.db, audit, { eventType: 'workflows.user.flow.export', displayMessage: 'Export flow', target: flowTarget(exported.row) });
  return { name: exported.row.name, flopack: exported.flopack };
}

export interface ImportResult {
  /** The flows of the file, as stored now. */
  flows: FlowResource[];
  /** Flows that were new, and flows that replaced one with the same id (a re-import). */
  created: number;
  replaced: number;
  /** The names of the tables imported (schema, and rows when the file has them). */
  tables: string[];
  /** The file's connections as stored now (a re-imported one keeps its binding). */
  connections: ImportedConnection[];
  /** What the file holds that Tollgate does not import yet. */
  ignored: { tables: string[]; connections: string[] };
}

/**
 * Imports an Okta `.flopack`, `.flow` or `.folder` export. New flows come in off (as in Okta); a flow
 * whose id is already here is replaced (its alias, client token and on/off state stay), so importing
 * the same file again updates it. All or nothing: one bad flow and nothing is written.
 */
export interface ImportOptions {
  activate?: boolean;
  /** Called after each flow is written (the CLI's progress bar). */
  onFlow?: (done: number, total: number) => void;
}

export async function importFlowPack(ctx: AppContext, audit: AuditContext, json: unknown, options: ImportOptions = {}): Promise<ImportResult> {
  let contents;
  try {
    contents = readFlopack(json);
  } catch (error) {
    if (error instanceof FlopackError) throw errors.validation('flopack', [`flopack: ${error.message}`]);
    throw error;
  }
  if (contents.flows.length === 0) throw errors.validation('flopack', ['flopack: The file holds no flows']);
  const definitions = contents.flows.map((flow) => {
    try {
      return { ...checkedDefinition(flow), flopackVersion: contents.version } as FlowDefinition & { id: string };
    } catch (error) {
      if (error instanceof OktaError) throw errors.validation('flopack', error.errorCauses.map((cause) => `flow '${flow.name}': ${cause.errorSummary}`));
      throw error;
    }
  });
  const tables = checkedImportTables(contents.tables);
  const checkedConnections = checkedImportConnections(contents.connections);
  const rows: FlowRow[] = [];
  let connections: ImportedConnection[] = [];
  let created = 0;
  await ctx.db.transaction().execute(async (trx) => {
    await bumpSubscriptionVersion(trx); // flows that start on events are a sink's targets
    for (const definition of definitions) {
      const folder = definition.folderId ? contents.folders[definition.folderId] : undefined;
      const current = await findFlowRow(trx, definition.id);
      const row = current ? replacedRow(ctx, current, definition, folder) : newFlowRow(ctx, definition, { active: options.activate === true, folder });
      if (current) await updateFlowRow(trx, row.id, row);
      else {
        await insertFlowRow(trx, row);
        created += 1;
      }
      rows.push(row);
      await recordEvent(ctx, trx, audit, {
        eventType: 'workflows.user.flow.import', displayMessage: 'Import flow', target: flowTarget(row), debugData: { replaced: Boolean(current) },
      });
      options.onFlow?.(rows.length, definitions.length);
    }
    await importTables(ctx, trx, audit, tables);
    connections = await importConnections(ctx, trx, audit, checkedConnections);
  });
  for (const row of rows) workflowRuntime(ctx).flows.forget(row.alias);
  return {
    flows: rows.map((row) => toFlowResource(ctx, row)),
    created,
    replaced: rows.length - created,
    tables: tables.map((table) => table.table.name),
    connections,
    ignored: { tables: [], connections: [] },
  };
}

function parseCursor(after: string | undefined): [string, string] | undefined {
  if (!after) return undefined;
  const at = after.indexOf('|');
  if (at < 1) throw errors.validation('after', ['after: This is not a cursor from a Link header']);
  return [after.slice(0, at), after.slice(at + 1)];
}
