import { describe, expect, test } from 'vitest';
import { defineCard, outputsByKey, type CardDeclaration } from '../cards/card.js';
import { CARD_DECLARATIONS, cardRegistry } from '../cards/registry.js';
import { runFlow, startFlow } from '../engine/run-flow.js';
import type { EngineContext, HttpTrigger } from '../engine/types.js';
import type { FlowDefinition } from '../model/flow.schema.js';
import { validateFlow } from '../model/validate-flow.js';
import { readTemplate } from './corpus.js';
import { readFlopack } from './flopack.js';

/* Real Okta template exports, imported and run end to end through the engine. */

function flowOf(template: string, name: string): FlowDefinition {
  const flow = readFlopack(readTemplate(template)).flows.find((candidate) => candidate.name.startsWith(name));
  if (!flow) throw new Error(`no flow '${name}' in ${template}`);
  return flow;
}

function context(extra: Partial<EngineContext> = {}): EngineContext {
  let now = Date.parse('2026-01-01T00:00:00.000Z');
  return { executionId: 'exec-template', clock: () => new Date(now++), ...extra };
}

const post = (body: unknown): HttpTrigger => ({ kind: 'http', method: 'POST', headers: { 'content-type': 'application/json' }, query: {}, body: JSON.stringify(body) });
const outputOf = (result: Awaited<ReturnType<typeof runFlow>>, cardName: string) => result.cards.filter((card) => card.cardName === cardName).at(-1)?.outputs;

describe('Okta template flows run in Tollgate', () => {
  test('implement_log_streaming_with_okta_workflows: the API Endpoint sink takes the event', async () => {
    const flow = flowOf('implement_log_streaming_with_okta_workflows', 'AWS');
    expect(flow.securityLevel).toBe('open');
    const event = { event_type: 'FLOW_START', execution_id: 'e-1', flow_name: 'Demo' };
    const run = startFlow(flow, post(event), context());
    const reply = await run.reply;
    expect(reply.kind).toBe('finished'); // no answering card: the HTTP layer decides the reply
    const result = await run.done;
    expect(result).toMatchObject({ status: 'succeeded', ending: 'completed' });
    expect(result.cards[0].outputs).toMatchObject({ 'raw.body': JSON.stringify(event), 'context.execution_id': 'exec-template' });
  });

  test('workflows_tutorials "How to use an If/Else statement with Outputs"', async () => {
    const flow = flowOf('workflows_tutorials', 'How to use an If/Else statement with Outputs');
    expect(validateFlow(flow)).toEqual([]);
    const result = await runFlow(flow, { kind: 'manual' }, context());
    expect(result.status).toBe('succeeded');
    expect(result.cards.map((card) => card.cardName)).toEqual(['Noop', 'Assign', 'If/Else', 'Compose', 'Join', 'Compose']);
    expect(result.cards.at(-1)?.outputs).toEqual({ output: 'They are probably Sith. because their lightsaber color is Red.' });
  });

  test('workflows_tutorials "Hello Workflows 1 - Text"', async () => {
    const result = await runFlow(flowOf('workflows_tutorials', 'Hello Workflows 1'), { kind: 'manual' }, context());
    expect(outputOf(result, 'Assign')).toEqual({ output: 'Hello Workflows!' });
  });

  test('workflows_tutorials "How to use Continue If card, using in"', async () => {
    const result = await runFlow(flowOf('workflows_tutorials', 'How to use Continue If'), { kind: 'manual' }, context());
    expect(result.ending).toBe('completed');
    expect(result.cards.at(-1)?.outputs).toEqual({ output: 'Try not. Do or do not. There is no try.\n\n\n\n-Yoda' });
  });

  test('workflows_tutorials "read user attributes from a JSON object (canned JSON)"', async () => {
    const result = await runFlow(flowOf('workflows_tutorials', 'How To: read user attributes from a JSON object (canned'), { kind: 'manual' }, context());
    expect(outputOf(result, 'Get Multiple')).toMatchObject({ id: '00u1i5a9mcwt5Kbhm0h8' });
  });

  describe('validate_email_domain_using_registration_inline_ho serves a registration hook', () => {
    // Tables arrive with the next Workflows issue; a stand-in Search Rows looks up an allowed-domains list.
    const searchRows: CardDeclaration = defineCard({
      type: 'stash:searchRows2',
      title: 'Search Rows',
      description: 'Test stand-in: one row per allowed domain.',
      kind: 'function',
      okta: { address: 'root:channels:http:stash:0.7.147:searchRows2', timeout: 30000 },
      inputs: [],
      outputs: [],
      run(ctx) {
        const domain = ctx.inputs.find((input) => input.field.group === '_expr')?.value;
        const found = domain === 'atko.email';
        return { outputs: outputsByKey(ctx, { 'Row ID': found ? 'row-1' : '', 'Allowed Domains': found ? domain : '' }) };
      },
    });
    const flow = flowOf('validate_email_domain_using_registration_inline_ho', 'Validate Email Domains');
    const registration = (email: string) => post({ eventType: 'com.okta.user.pre-registration', data: { userProfile: { login: email, email }, action: 'ALLOW' } });

    test('an allowed domain is allowed', async () => {
      const result = await runFlow(flow, registration('jane@atko.email'), context({ cards: cardRegistry([...CARD_DECLARATIONS, searchRows]) }));
      expect(result.status).toBe('succeeded');
      expect(result.answer?.statusCode).toBe(200);
      expect(JSON.parse(result.answer?.body as string)).toEqual({ commands: [{ type: 'com.okta.action.update', value: { registration: 'ALLOW' } }] });
    });

    test("another domain is denied with the template's error cause", async () => {
      const result = await runFlow(flow, registration('bob@example.com'), context({ cards: cardRegistry([...CARD_DECLARATIONS, searchRows]) }));
      expect(JSON.parse(result.answer?.body as string)).toEqual({
        error: {
          errorSummary: 'Invalid domain. Please contact your admin.',
          errorCauses: [{ errorSummary: 'Invalid domain. Please contact your admin.', reason: 'INVALID_EMAIL_DOMAIN', locationType: 'body', location: 'data.userProfile.email', domain: 'end-user' }],
        },
      });
    });

    test('without the table card the flow fails at Search Rows, naming it', async () => {
      const result = await runFlow(flow, registration('jane@atko.email'), context());
      expect(result.error?.message).toMatch(/card 'Search Rows' \(stash:searchRows2, id 24qM2z-kp\) failed: tables need the host's tables \(services\.tables\)/);
    });
  });

  test('send_notifications_for_a_breached_password_event: Close answers before the rest of the flow runs', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const seen: unknown[] = [];
    // For Each arrives with the next Workflows issue; a stand-in records the events it would hand out.
    const forEach = defineCard({
      type: 'list:each',
      title: 'For Each',
      description: 'Test stand-in.',
      kind: 'function',
      okta: { address: 'root:kernel:list:0.0.1:each', timeout: 300000 },
      inputs: [],
      outputs: [],
      async run(ctx) {
        await released;
        seen.push(ctx.input('list'));
        return {};
      },
    });
    const flow = flowOf('send_notifications_for_a_breached_password_event', 'Event Initiated Flow');
    const events = { data: { events: [{ eventType: 'user.account.report_breached_credential' }] } };
    const run = startFlow(flow, post(events), context({ cards: cardRegistry([...CARD_DECLARATIONS, forEach]) }));
    const reply = await run.reply;
    expect(reply).toMatchObject({ kind: 'answer', answer: { statusCode: 200 } });
    expect(seen).toEqual([]);
    release();
    const result = await run.done;
    expect(result.status).toBe('succeeded');
    expect(result.cards.map((card) => card.cardName)).toEqual(['API Endpoint', 'Close', 'Get Multiple', 'For Each']);
    expect(seen).toEqual([events.data.events]);
  });
});
