import { describe, expect, test } from 'vitest';
import { runFlow, startFlow } from '../engine/run-flow.js';
import type { EngineContext, HttpTrigger } from '../engine/types.js';
import { defaultCardRegistry } from '../cards/registry.js';
import { exportFlow, importFlow } from '../flopack/flow.js';
import { readNestedFlow } from '../flopack/graph.js';
import { validateFlow } from '../model/validate-flow.js';
import { contractorsFlow } from './contractors.js';

/** Okta's registration inline hook request (self-service registration), as the hook runner sends it. */
function registrationRequest(email: string): HttpTrigger {
  const body = {
    eventId: '04Dmt8BcT_aEgM',
    eventTime: '2022-04-25T17:35:27.000Z',
    eventType: 'com.okta.user.pre-registration',
    eventTypeVersion: '1.0',
    contentType: 'application/json',
    cloudEventVersion: '0.1',
    source: 'regt4qeBKU29vSoPz0g3',
    requestType: 'self.service.registration',
    data: {
      context: { request: { method: 'POST', ipAddress: '127.0.0.1', id: '123dummyId456', url: { value: '/idp/idx/enroll/new' } } },
      userProfile: { firstName: 'Jane', lastName: 'Doe', login: email, email },
      action: 'ALLOW',
    },
  };
  return { kind: 'http', method: 'POST', headers: { 'content-type': 'application/json' }, query: {}, body: JSON.stringify(body) };
}

function context(executionId: string): EngineContext {
  let tick = Date.parse('2026-01-01T00:00:00.000Z');
  return { executionId, clock: () => new Date((tick += 1)), cards: defaultCardRegistry, readNestedFlow };
}

describe('Registration hook: contractors', () => {
  test('is a sound flow', () => {
    expect(validateFlow(contractorsFlow)).toEqual([]);
  });

  test('jane@atko.email becomes a contractor', async () => {
    const result = await runFlow(contractorsFlow, registrationRequest('jane@atko.email'), context('exec-jane'));
    expect(result.status).toBe('succeeded');
    expect(result.answer).toEqual({
      statusCode: 200,
      headers: {},
      body: { commands: [{ type: 'com.okta.user.profile.update', value: { userType: 'Contractor' } }] },
    });
    expect(result.answeredBy).toBe('answer');
    expect(result.cards.map((card) => card.cardId)).toEqual(['endpoint', 'readEmail', 'splitEmail', 'takeDomain', 'isContractor', 'composeContractor', 'mergeCommands', 'parseCommands', 'answer']);
    expect(result.cards.find((card) => card.cardId === 'takeDomain')?.outputs).toEqual({ list: ['jane'], item: 'atko.email' });
  });

  test('bob@example.com gets no commands', async () => {
    const run = startFlow(contractorsFlow, registrationRequest('bob@example.com'), context('exec-bob'));
    const reply = await run.reply;
    expect(reply).toEqual({ kind: 'answer', cardId: 'answer', answer: { statusCode: 200, headers: {}, body: { commands: [] } } });
    const result = await run.done;
    expect(result.cards.map((card) => card.cardId)).toContain('composeNoCommands');
    expect(result.cards.map((card) => card.cardId)).not.toContain('composeContractor');
  });

  test('exports to Okta JSON and imports back to a flow that answers the same', async () => {
    const exported = JSON.parse(JSON.stringify(exportFlow(contractorsFlow))) as Record<string, unknown>;
    const reimported = importFlow(exported, 'flo');
    expect(reimported.name).toBe(contractorsFlow.name);
    expect(reimported.securityLevel).toBe('medium');
    const result = await runFlow(reimported, registrationRequest('jane@atko.email'), context('exec-again'));
    expect(result.answer?.body).toEqual({ commands: [{ type: 'com.okta.user.profile.update', value: { userType: 'Contractor' } }] });
  });
});
