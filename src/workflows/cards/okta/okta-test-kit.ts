import { expect } from 'vitest';
import { startTestServer, type TestServer } from '../../../../test/helpers/server.js';
import { runFlow, type EngineServices, type ExecutionResult } from '../../engine/index.js';
import { card, engineContext, field, flow } from '../../engine/flow-test-kit.js';
import type { Card, FlowGraph, Wire } from '../../model/flow.schema.js';
import { oktaApi } from '../../runtime/okta-service.js';
import { defaultCardRegistry } from '../registry.js';

/*
 * The shared part of the Okta connector card tests: a real server whose own /api/v1 is the flows' Okta
 * connection, cards built from their declarations, flows run by the engine, and the API calls the tests
 * use to set up and check the org (over HTTP, as an admin). Lifecycle hooks stay in each test file.
 */

export type Values = Record<string, unknown>;

/** A fresh server and the engine services whose `okta` calls it in process. */
export async function startOktaServer(): Promise<{ server: TestServer; services: EngineServices }> {
  const server = await startTestServer();
  const okta = oktaApi(server.ctx);
  if (!okta) throw new Error('the server registered no local API');
  return { server, services: { okta } };
}

const label = (spec: { group?: string; key: string }) => (spec.group ? `${spec.group}.${spec.key}` : spec.key);
let cardCount = 0;

/**
 * A new card of this type with literal input values by `group.key` (the declared default otherwise), plus extra
 * fields. Its fields are `<id>_in<n>` and `<id>_out<n>` in declaration order (see `fieldRef`); the id is new
 * unless given.
 */
export function oktaCard(type: string, values: Values, extra: { id?: string; inputs?: Card['inputs']; outputs?: Card['outputs'] } = {}): Card {
  const declaration = defaultCardRegistry.get(type);
  if (!declaration) throw new Error(`no card ${type}`);
  const id = extra.id ?? `${type.split(':')[1]}${++cardCount}`;
  const inputs = declaration.inputs.map((spec, index) => field(`${id}_in${index}`, spec.key, spec.type, {
    group: spec.group, list: spec.list, value: Object.hasOwn(values, label(spec)) ? values[label(spec)] : spec.value,
  }));
  const outputs = declaration.outputs.map((spec, index) => field(`${id}_out${index}`, spec.key, spec.type, { group: spec.group, list: spec.list }));
  return card(id, type, { name: declaration.title, inputs: [...inputs, ...(extra.inputs ?? [])], outputs: [...outputs, ...(extra.outputs ?? [])] });
}

/** `<cardId>.<fieldId>` of an `oktaCard`'s declared field by `group.key`, for a wire. */
export function fieldRef(type: string, id: string, side: 'in' | 'out', name: string): string {
  const declaration = defaultCardRegistry.get(type);
  if (!declaration) throw new Error(`no card ${type}`);
  const index = (side === 'in' ? declaration.inputs : declaration.outputs).findIndex((spec) => label(spec) === name);
  if (index < 0) throw new Error(`${type} has no ${side}put ${name}`);
  return `${id}.${id}_${side}${index}`;
}

/** Runs the cards (after a start card, so card n of the test is `result.cards[n]`) with these services. */
export async function runCards(services: EngineServices, cards: Card[], wires: Wire[] = []): Promise<ExecutionResult> {
  return runFlow(flow([card('start', 'control:noop'), ...cards], wires), { kind: 'manual' }, engineContext({ services }));
}

/** Runs one card and returns its outputs by `group.key`; fails the test when the flow failed. */
export async function cardOutputs(services: EngineServices, okta: Card): Promise<Values> {
  const result = await runCards(services, [okta]);
  expect(result.error?.message ?? null).toBeNull();
  expect(result.status).toBe('succeeded');
  return result.cards[1].outputs ?? {};
}

/** Gives a card's Flow input a helper flow that only receives Record and State, for the Stream result sets. */
export function streamTo(okta: Card): Card {
  const helper: FlowGraph = { cards: [card('h', 'control:callable', { outputs: [field('record', 'Record', 'object'), field('state', 'State', 'object')] })], wires: [] };
  okta.inputs!.find((input) => input.key === 'Flow')!.flow = helper;
  return okta;
}

let userCount = 0;

/** A new user with a unique login `<prefix>-<n>-<time>@example.com`; `lastName` gets the counter appended. */
export async function makeUser(
  server: TestServer,
  options: { prefix: string; firstName: string; lastName: string; profile?: Values; password?: string; activate?: boolean },
): Promise<{ id: string; login: string }> {
  const login = `${options.prefix}-${++userCount}-${Date.now()}@example.com`;
  const res = await server.api('POST', `/api/v1/users?activate=${options.activate ?? true}`, {
    profile: { login, email: login, firstName: options.firstName, lastName: `${options.lastName}${userCount}`, ...options.profile },
    ...(options.password ? { credentials: { password: { value: options.password } } } : {}),
  });
  expect(res.status).toBe(200);
  return { id: res.body.id as string, login };
}

export async function makeGroup(server: TestServer, profile: { name: string; description?: string }): Promise<string> {
  const res = await server.api('POST', '/api/v1/groups', { profile });
  expect(res.status).toBe(200);
  return res.body.id as string;
}

export async function makeApp(server: TestServer, body: Values): Promise<Values> {
  const res = await server.api('POST', '/api/v1/apps', body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Values;
}

/** A Custom Identity Source app that activates the users it imports. */
export async function newIdentitySource(server: TestServer, label: string): Promise<string> {
  const app = await makeApp(server, { label, signOnMode: 'CUSTOM_IDENTITY_SOURCE', settings: { app: { activateUsers: true } } });
  return app.id as string;
}

/** Waits for a triggered import session to end; its final status. */
export async function importEnded(server: TestServer, sourceId: string, sessionId: string): Promise<string> {
  for (let i = 0; i < 300; i += 1) {
    const res = await server.api('GET', `/api/v1/identity-sources/${sourceId}/sessions/${sessionId}`);
    if (res.body.status !== 'TRIGGERED') return res.body.status as string;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the import did not end');
}

export type LogEvent = { actor: { displayName: string; type: string }; target: Array<{ id: string }> };

/** The System Log events of this type that target this id. */
export async function logEventsFor(server: TestServer, eventType: string, targetId: string): Promise<LogEvent[]> {
  const res = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent(`eventType eq "${eventType}"`)}&limit=1000`);
  return (res.body as LogEvent[]).filter((event) => event.target?.some((target) => target.id === targetId));
}
