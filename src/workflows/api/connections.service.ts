/**
 * Workflows connections as the Workflows API and the flopack import/export change them. An Okta export
 * keeps only a reference to each connection (`data.configs[<id>] = {id, name, module, data:null}`); it is
 * stored verbatim (export writes it back unchanged) and bound here to an account: the API Connector to an
 * auth (none, basic, custom header, OAuth client credentials), the Okta connector to this org. Secrets are
 * sealed with the secret key and never leave the server (not in answers, not in exports). Each change and
 * its System Log event (`workflows.user.connection.create | reauthorize | delete`) commit together.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import type { Executor, Trx } from '../../platform/db/index.js';
import { errors } from '../../platform/errors.js';
import type { AuditContext } from '../../events/log-event.js';
import { recordEvent } from '../../events/record-event.js';
import type { FlowDefinition } from '../model/index.js';
import {
  checkedBinding, connectorName, isBindable, notAvailable, publicBinding, type BindingInput, type BindingSecrets,
} from '../store/connections.bindings.js';
import {
  deleteConnectionRow, findConnectionRow, flowDefinitions, insertConnectionRow, listConnectionRows, secretsOf, storedBinding, updateConnectionRow,
  type ConnectionRow,
} from '../store/connections.store.js';
import { connectionIdsOfFlow } from '../store/flow-references.js';
import type { Connection } from './connection.schema.js';

type JsonObject = Record<string, unknown>;

/** Connection ids appear in URLs: Okta's uuids and other plain ids. */
const CONNECTION_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

/** A connection as the API answers it (connection.schema.ts). */
export type ConnectionResource = Connection;

/** A connection of an imported file, as the import result lists it. */
export interface ImportedConnection {
  id: string;
  name: string;
  connector: string;
  bound: boolean;
}

function connectionTarget(row: Pick<ConnectionRow, 'id' | 'name' | 'connector'>) {
  return [{ id: row.id, type: 'WorkflowsConnection', alternateId: row.connector, displayName: row.name }];
}

function toResource(ctx: AppContext, row: ConnectionRow, usedBy: Array<{ id: string; name: string }>): ConnectionResource {
  const bindable = isBindable(row.connector);
  return {
    id: row.id,
    name: row.name,
    connector: row.connector,
    connectorName: connectorName(row.connector),
    bindable,
    unavailable: bindable ? null : notAvailable(row.connector),
    bound: row.binding !== null,
    binding: publicBinding(storedBinding(row)),
    usedBy,
    created: row.created,
    lastUpdated: row.last_updated,
    _links: { self: { href: `${ctx.config.issuer}/api/workflows/v1/connections/${encodeURIComponent(row.id)}` } },
  };
}

// ---------------------------------------------------------------------------------------------------
// Which flows use which connection

/** The stored flows using each connection, by connection id. */
async function flowsByConnection(db: Executor): Promise<Map<string, Array<{ id: string; name: string }>>> {
  const byConnection = new Map<string, Array<{ id: string; name: string }>>();
  for (const flow of await flowDefinitions(db)) {
    for (const id of connectionIdsOfFlow(JSON.parse(flow.definition) as FlowDefinition)) {
      byConnection.set(id, [...(byConnection.get(id) ?? []), { id: flow.id, name: flow.name }]);
    }
  }
  return byConnection;
}

async function storedConnection(db: Executor, id: string): Promise<ConnectionRow> {
  const row = await findConnectionRow(db, id);
  if (!row) throw errors.notFound('Connection', id);
  return row;
}

// ---------------------------------------------------------------------------------------------------
// API

export async function listConnectionsApi(ctx: AppContext, options: { limit: number; after?: string }): Promise<{ items: ConnectionResource[]; nextAfter?: string }> {
  let after: { created: string; id: string } | undefined;
  if (options.after) {
    const at = options.after.indexOf('|');
    if (at < 1) throw errors.validation('after', ['after: This is not a cursor from a Link header']);
    after = { created: options.after.slice(0, at), id: options.after.slice(at + 1) };
  }
  const rows = await listConnectionRows(ctx.db, { limit: options.limit + 1, after });
  const page = rows.slice(0, options.limit);
  const usage = await flowsByConnection(ctx.db);
  const last = rows.length > options.limit ? page[page.length - 1] : undefined;
  return { items: page.map((row) => toResource(ctx, row, usage.get(row.id) ?? [])), nextAfter: last ? `${last.created}|${last.id}` : undefined };
}

export async function getConnectionApi(ctx: AppContext, id: string): Promise<ConnectionResource> {
  const row = await storedConnection(ctx.db, id);
  return toResource(ctx, row, (await flowsByConnection(ctx.db)).get(id) ?? []);
}

function bindingOrThrow(ctx: AppContext, connector: string, input: BindingInput, current: ConnectionRow | undefined) {
  const checked = checkedBinding(ctx.config, connector, input, {
    binding: current ? storedBinding(current) : null,
    secrets: current ? secretsOf(ctx, current) : null,
  });
  if ('causes' in checked) throw errors.validation('binding', checked.causes);
  return checked;
}

function sealed(ctx: AppContext, secrets: BindingSecrets | null): string | null {
  return secrets ? ctx.secrets.encrypt(JSON.stringify(secrets)) : null;
}

export interface NewConnectionBody {
  name: string;
  connector: string;
  binding?: BindingInput | null;
}

/** A connection made in Tollgate (Okta or API Connector), bound when a binding is given. Writes `workflows.user.connection.create`. */
export async function createConnectionApi(ctx: AppContext, audit: AuditContext, body: NewConnectionBody): Promise<ConnectionResource> {
  const name = body.name.trim();
  if (name === '') throw errors.validation('name', ['name: A connection needs a name']);
  if (!isBindable(body.connector)) throw errors.validation('connector', [`connector: ${notAvailable(body.connector)} (connectors: okta, httpfunctions)`]);
  const checked = body.binding ? bindingOrThrow(ctx, body.connector, body.binding, undefined) : undefined;
  const id = randomUUID();
  const now = ctx.clock().toISOString();
  const row: ConnectionRow = {
    id,
    name,
    connector: body.connector,
    // What Okta's export holds for a connection.
    okta: JSON.stringify({ id, name, module: body.connector, data: null }),
    binding: checked ? JSON.stringify(checked.binding) : null,
    secrets_encrypted: checked ? sealed(ctx, checked.secrets) : null,
    created: now,
    last_updated: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertConnectionRow(trx, row);
    await recordEvent(ctx, trx, audit, {
      eventType: 'workflows.user.connection.create', displayMessage: 'Create connection', target: connectionTarget(row), debugData: { auth: checked?.binding.auth ?? null },
    });
  });
  return toResource(ctx, row, []);
}

export interface UpdateConnectionBody {
  name?: string;
  /** The new binding; null unbinds. */
  binding: BindingInput | null;
}

/**
 * Binds, re-binds or unbinds a connection (PUT), and renames it when `name` is given (the name Okta's
 * export holds too). A secret left out keeps the stored one while the auth type stays. Writes
 * `workflows.user.connection.reauthorize`.
 */
export async function updateConnectionApi(ctx: AppContext, audit: AuditContext, id: string, body: UpdateConnectionBody): Promise<ConnectionResource> {
  const current = await storedConnection(ctx.db, id);
  const name = body.name === undefined ? current.name : body.name.trim();
  if (name === '') throw errors.validation('name', ['name: A connection needs a name']);
  const checked = body.binding === null ? null : bindingOrThrow(ctx, current.connector, body.binding, current);
  const okta = name === current.name ? current.okta : JSON.stringify({ ...(JSON.parse(current.okta) as JsonObject), name });
  const changes = {
    name,
    okta,
    binding: checked ? JSON.stringify(checked.binding) : null,
    secrets_encrypted: checked ? sealed(ctx, checked.secrets) : null,
    last_updated: ctx.clock().toISOString(),
  };
  const row: ConnectionRow = { ...current, ...changes };
  await ctx.db.transaction().execute(async (trx) => {
    await storedConnection(trx, id);
    await updateConnectionRow(trx, id, changes);
    await recordEvent(ctx, trx, audit, {
      eventType: 'workflows.user.connection.reauthorize',
      displayMessage: checked ? 'Reauthorize connection' : 'Unbind connection',
      target: connectionTarget(row),
      debugData: { auth: checked?.binding.auth ?? null },
    });
  });
  return toResource(ctx, row, (await flowsByConnection(ctx.db)).get(id) ?? []);
}

/** Deletes a connection no stored flow uses (else a validation error naming the flows). Writes `workflows.user.connection.delete`. */
export async function deleteConnectionApi(ctx: AppContext, audit: AuditContext, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const current = await storedConnection(trx, id);
    const users = (await flowsByConnection(trx)).get(id) ?? [];
    if (users.length > 0) {
      throw errors.validation('connection', [
        `connection: The connection '${current.name}' is used by ${users.length === 1 ? 'the flow' : 'the flows'} ${users.map((f) => `'${f.name}'`).join(', ')}; delete those flows or change their cards first`,
      ]);
    }
    await deleteConnectionRow(trx, id);
    await recordEvent(ctx, trx, audit, { eventType: 'workflows.user.connection.delete', displayMessage: 'Delete connection', target: connectionTarget(current) });
  });
}

// ---------------------------------------------------------------------------------------------------
// Flopack import and export

export interface CheckedConnection {
  id: string;
  name: string;
  connector: string;
  okta: JsonObject;
}

/** An export's `data.configs`, checked; a malformed entry is a validation error naming where. */
export function checkedImportConnections(configs: Record<string, JsonObject>): CheckedConnection[] {
  const causes: string[] = [];
  const checked: CheckedConnection[] = [];
  for (const [key, entry] of Object.entries(configs)) {
    const at = `flopack: data.configs.${key}`;
    if (!CONNECTION_ID.test(key)) causes.push(`${at}: a connection id is 1 to 128 letters, digits, dots, dashes and underscores`);
    else if (entry.id !== key) causes.push(`${at}: the connection is filed under '${key}' but its id is ${JSON.stringify(entry.id) ?? 'missing'}`);
    else if (typeof entry.module !== 'string' || entry.module === '') causes.push(`${at}.module: the connector module must be a name`);
    else if (entry.name !== undefined && typeof entry.name !== 'string') causes.push(`${at}.name: the name must be text`);
    else checked.push({ id: key, name: typeof entry.name === 'string' && entry.name !== '' ? entry.name : key, connector: entry.module, okta: entry });
  }
  if (causes.length > 0) throw errors.validation('flopack', causes);
  return checked;
}

/**
 * Saves imported connections in the import's transaction. A connection already here (same id) takes the
 * file's name and JSON and keeps its binding, unless its connector changed (then it is unbound). A new
 * one comes in unbound and writes `workflows.user.connection.create`.
 */
export async function importConnections(ctx: AppContext, trx: Trx, audit: AuditContext, connections: readonly CheckedConnection[]): Promise<ImportedConnection[]> {
  const now = ctx.clock().toISOString();
  const result: ImportedConnection[] = [];
  for (const connection of connections) {
    const current = await findConnectionRow(trx, connection.id);
    const fields = { name: connection.name, connector: connection.connector, okta: JSON.stringify(connection.okta), last_updated: now };
    if (current) {
      const keepBinding = current.connector === connection.connector;
      await updateConnectionRow(trx, connection.id, keepBinding ? fields : { ...fields, binding: null, secrets_encrypted: null });
      result.push({ id: connection.id, name: connection.name, connector: connection.connector, bound: keepBinding && current.binding !== null });
    } else {
      const row: ConnectionRow = { id: connection.id, ...fields, binding: null, secrets_encrypted: null, created: now };
      await insertConnectionRow(trx, row);
      await recordEvent(ctx, trx, audit, {
        eventType: 'workflows.user.connection.create', displayMessage: 'Create connection', target: connectionTarget(row), debugData: { imported: true },
      });
      result.push({ id: connection.id, name: connection.name, connector: connection.connector, bound: false });
    }
  }
  return result;
}
