import { expect } from 'vitest';
import type { FlowDefinition } from '../../src/workflows/model/index.js';
import { card, field, wire } from '../../src/workflows/engine/flow-test-kit.js';
import { eventually } from './eventually.js';
import type { TestServer } from './server.js';

/* Flows for Workflows tests over HTTP, and shortcuts to the Workflows API and invoke URLs. */

export { card, field, wire };

/** An API Endpoint card with the raw outputs and, optionally, named body/query/header fields. */
export function endpoint(named: Array<{ id: string; key: string; group: 'body' | 'query' | 'headers'; type?: string }> = []) {
  return card('endpoint', 'http:accept', {
    name: 'API Endpoint',
    outputs: [
      field('headers', 'headers', 'object', { group: 'raw' }),
      field('body', 'body', 'string', { group: 'raw' }),
      field('query', 'query', 'string', { group: 'raw' }),
      field('executionId', 'execution_id', 'string', { group: 'context' }),
      ...named.map((f) => field(f.id, f.key, f.type ?? 'string', { group: f.group })),
    ],
  });
}

/** Return: answers 200 with its inputs as a JSON object. */
export function returnCard(id: string, inputs: Array<{ id: string; key: string; type?: string; value?: unknown }>) {
  return card(id, 'control:return', { name: 'Return', inputs: inputs.map((f) => field(f.id, f.key, f.type ?? 'string', f.value === undefined ? {} : { value: f.value })) });
}

/** API Connector Close with a literal status and a body wired or given. */
export function close(id: string, status = 200, body?: unknown) {
  return card(id, 'httpfunctions:close', {
    name: 'Close',
    inputs: [
      field(`${id}Status`, 'statusCode', 'number', { group: 'Response', value: status }),
      field(`${id}Headers`, 'headers', 'object', { group: 'Response', value: {} }),
      field(`${id}Body`, 'body', 'object', { group: 'Response', ...(body === undefined ? {} : { value: body }) }),
    ],
  });
}

export function endpointFlow(name: string, parts: Partial<FlowDefinition> & Pick<FlowDefinition, 'cards'>): FlowDefinition {
  return { name, securityLevel: 'medium', saveAllData: true, wires: [], ...parts };
}

export interface CreatedFlow {
  id: string;
  status: string;
  invokeUrl: string;
  clientToken: string | null;
  [key: string]: unknown;
}

export async function createFlow(server: TestServer, definition: FlowDefinition, activate = true): Promise<CreatedFlow> {
  const res = await server.api('POST', `/api/workflows/v1/flows${activate ? '?activate=true' : ''}`, definition);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as CreatedFlow;
}

/** Calls an invoke URL with `fetch` (no admin token). */
export async function invoke(url: string, init: { method?: string; body?: unknown; headers?: Record<string, string>; token?: string } = {}) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token !== undefined) headers['x-api-client-token'] = init.token;
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(url, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
  const text = await res.text();
  let json: any;
  try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
  return { status: res.status, headers: res.headers, text, json };
}

export async function executionsOf(server: TestServer, flowId: string, query = ''): Promise<any[]> {
  const res = await server.api('GET', `/api/workflows/v1/flows/${flowId}/executions${query}`);
  expect(res.status).toBe(200);
  return res.body as any[];
}

/** Waits until the flow has `count` executions (event flows start after the change commits) and returns them. */
export async function eventuallyExecutions(server: TestServer, flowId: string, count: number, timeoutMs?: number): Promise<any[]> {
  return eventually(async () => {
    const runs = await executionsOf(server, flowId);
    expect(runs).toHaveLength(count);
    return runs;
  }, timeoutMs);
}

export interface ExecutionDetail {
  cards: Array<{ cardId: string; outputs?: Record<string, unknown> }>;
}

export async function executionDetail(server: TestServer, executionId: string): Promise<ExecutionDetail> {
  const res = await server.api('GET', `/api/workflows/v1/executions/${executionId}`);
  expect(res.status).toBe(200);
  return res.body as ExecutionDetail;
}

/** A card's outputs in an execution's detail, by field label (`group.key`, or `key`). */
export function cardOutputsIn(detail: ExecutionDetail, cardId: string): Record<string, unknown> {
  return detail.cards.find((c) => c.cardId === cardId)?.outputs ?? {};
}
