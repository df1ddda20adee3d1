/**
 * `tollgate flow run FILE [--flow NAME] [--input JSON] [--query k=v] [--header k=v]`: runs one flow of a
 * file (an Okta `.flopack` / `.flow` / `.folder` export, or a flow in Tollgate's own format) in memory,
 * nothing stored, and gives its result:
 * - an API Endpoint flow gets `--input` as the request body (and the query and headers given) and gives
 *   `{"statusCode", "headers", "body"}`, the response the invoke URL would send;
 * - a helper flow gets `--input` as its inputs by name and gives its Return outputs;
 * - a flow started by hand gives its Return outputs (`{}` without a Return);
 * - a flow a Continue If stopped gives `{"halted": true, "card", "message"}`.
 * A flow that fails throws a CliError that says where and why.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { runFlow, type EngineContext, type EngineServices, type ExecutionResult, type FlowTrigger } from '../engine/index.js';
import { FlopackError, readFlopack, readNestedFlow } from '../flopack/index.js';
import { defaultCardRegistry } from '../cards/registry.js';
import { validateFlow, type FlowDefinition } from '../model/index.js';
import { API_ENDPOINT_CARD } from '../runtime/flow-cache.js';
import { EXECUTION_ID_HEADER, finishedResponse } from '../invoke/http-reply.js';
import { outboundHttpFor } from '../runtime/http-service.js';
import { allowedHostsOf } from '../../platform/config.js';
import { memoryTablesService } from '../runtime/memory-tables.js';
import { TablesError, type TablesService } from '../engine/services/tables.js';

export class CliError extends Error {}

export interface FlowRunOptions {
  flow?: string;
  input?: string;
  query?: string[];
  header?: string[];
}

const HELPER_FLOW_CARD = 'control:callable';

/** The flows of a file and, for an Okta export, its tables (kept in memory while the file's flows run). */
export interface FlowFile {
  flows: FlowDefinition[];
  tables: TablesService;
  /** Table ids by table name. */
  tableIds: Record<string, string>;
}

/** The flows of a file: an Okta export (`"type": "flopack"`) or one Tollgate flow definition. */
export function flowsInFile(file: string): FlowDefinition[] {
  return readFlowFile(file).flows;
}

/** The flows and tables of a file; every run that uses the same FlowFile shares its tables. */
export function readFlowFile(file: string): FlowFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not JSON: ${(error as Error).message}`);
  }
  if (json !== null && typeof json === 'object' && (json as { type?: unknown }).type === 'flopack') {
    try {
      const contents = readFlopack(json);
      const tableIds = Object.fromEntries(Object.entries(contents.tables).map(([id, table]) => [typeof table.name === 'string' ? table.name : id, id]));
      return { flows: contents.flows, tables: memoryTablesService(contents.tables), tableIds };
    } catch (error) {
      if (error instanceof FlopackError || error instanceof TablesError) throw new CliError(`${file} is not a valid Okta Workflows export: ${error.message}`);
      throw error;
    }
  }
  const problems = validateFlow(json);
  if (problems.length > 0) {
    throw new CliError(`${file} is neither an Okta Workflows export nor a Tollgate flow:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
  }
  return { flows: [json as FlowDefinition], tables: memoryTablesService({}), tableIds: {} };
}

/** The flow `--flow NAME` names (by name, then by id), or the only flow of the file. */
export function pickFlow(flows: FlowDefinition[], name: string | undefined, file: string): FlowDefinition {
  const names = () => flows.map((flow) => `  ${flow.name}`).join('\n');
  if (name === undefined) {
    if (flows.length === 1) return flows[0];
    throw new CliError(`${file} holds ${flows.length} flows; choose one with --flow NAME:\n${names()}`);
  }
  // Okta names sometimes end in a space nobody sees: compare trimmed, then regardless of case.
  const wanted = name.trim();
  const found = flows.find((flow) => flow.name === name) ?? flows.find((flow) => flow.id === name)
    ?? flows.find((flow) => flow.name.trim() === wanted) ?? flows.find((flow) => flow.name.trim().toLowerCase() === wanted.toLowerCase());
  if (!found) throw new CliError(`${file} has no flow named '${name}'; its flows:\n${names()}`);
  return found;
}

function pairs(values: string[] | undefined, option: string, lowerCaseNames: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values ?? []) {
    const at = value.indexOf('=');
    if (at < 1) throw new CliError(`${option} takes name=value, not '${value}'`);
    const name = value.slice(0, at).trim();
    out[lowerCaseNames ? name.toLowerCase() : name] = value.slice(at + 1);
  }
  return out;
}

/** What starts the flow: an API Endpoint call (body, query, headers), a helper-flow call (inputs by name) or a run by hand. */
export function triggerFor(flow: FlowDefinition, options: FlowRunOptions): FlowTrigger {
  const start = flow.cards[0]?.type;
  if (start === API_ENDPOINT_CARD) {
    const headers = pairs(options.header, '--header', true);
    const body = options.input ?? '';
    if (body !== '' && headers['content-type'] === undefined && isJson(body)) headers['content-type'] = 'application/json';
    return { kind: 'http', method: options.input === undefined ? 'GET' : 'POST', headers, query: pairs(options.query, '--query', false), body };
  }
  if (start === HELPER_FLOW_CARD) {
    let inputs: unknown = {};
    if (options.input !== undefined) {
      try {
        inputs = JSON.parse(options.input);
      } catch (error) {
        throw new CliError(`--input must be JSON (the helper flow's inputs by name): ${(error as Error).message}`);
      }
    }
    if (inputs === null || typeof inputs !== 'object' || Array.isArray(inputs)) throw new CliError('--input must be a JSON object: the helper flow\'s inputs by name');
    return { kind: 'call', inputs: inputs as Record<string, unknown> };
  }
  return { kind: 'manual' };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}


/** A fresh execution whose Call Flow cards can run the other flows of the same file, with the file's tables. */
export function engineContext({ flows, tables }: Pick<FlowFile, 'flows' | 'tables'>): EngineContext {
  // Helper flows of the same file can be called (Call Flow), each as an execution of its own; API
  // Connector cards call out through the server's client and SSRF guard.
  const services: EngineServices = {
    // The hosts API Connector cards may reach over http://, on private addresses or loopback, as the server reads them.
    http: outboundHttpFor({ allowedHosts: allowedHostsOf(process.env.TOLLGATE_ALLOWED_HOSTS) }),
    tables,
    callFlow: async (flowId, trigger) => {
      const callee = flows.find((flow) => flow.id === flowId);
      if (!callee) throw new Error(`the flow ${flowId} is not in this file`);
      return runFlow(callee, trigger, engineContext({ flows, tables }));
    },
  };
  return { executionId: randomUUID(), clock: () => new Date(), cards: defaultCardRegistry, readNestedFlow, services };
}

/** Runs the flow and gives its result as described above. */
export async function runFlowFile(file: string, options: FlowRunOptions = {}): Promise<unknown> {
  const contents = readFlowFile(file);
  const flow = pickFlow(contents.flows, options.flow, file);
  const problems = validateFlow(flow);
  if (problems.length > 0) throw new CliError(`the flow '${flow.name}' cannot run:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
  const trigger = triggerFor(flow, options);
  const result = await runFlow(flow, trigger, engineContext(contents));
  if (result.status === 'failed') throw new CliError(failureMessage(flow, result));
  // A Continue If that stopped the flow: say which card and its message (Okta shows it in the execution).
  if (trigger.kind !== 'http' && result.ending === 'halted') {
    return { halted: true, card: result.cards.at(-1)?.cardName ?? null, message: result.haltMessage ?? null };
  }
  if (trigger.kind !== 'http') return result.outputs ?? {};
  const response = finishedResponse(result);
  return { statusCode: response.statusCode, headers: { ...response.headers, [EXECUTION_ID_HEADER]: result.executionId }, body: response.value };
}

/** Where and why the flow failed, in one sentence. */
export function failureMessage(flow: FlowDefinition, result: ExecutionResult): string {
  const error = result.error;
  if (error?.reason === 'returned-error') {
    const status = error.statusCode ? ` (HTTP ${error.statusCode})` : '';
    return `the flow '${flow.name}' returned an error${status} at card '${error.cardName ?? error.cardType}': ${error.message}`;
  }
  return `the flow '${flow.name}' failed: ${error?.message ?? 'unknown error'}`;
}
