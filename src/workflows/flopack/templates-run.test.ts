import { describe, expect, test } from 'vitest';
import { runFlow, startFlow } from '../engine/run-flow.js';
import type { EngineContext, EngineServices, ExecutionResult, HttpTrigger } from '../engine/types.js';
import { memoryTablesService } from '../runtime/memory-tables.js';
import type { FlowDefinition } from '../model/flow.schema.js';
import { validateFlow } from '../model/validate-flow.js';
import { describeWithTemplates, readTemplate } from '../../../test/helpers/templates.js';
import { defaultCardRegistry } from '../cards/registry.js';
import { readFlopack } from './flopack.js';
import { readNestedFlow } from './graph.js';

/* Real Okta template exports, imported and run end to end through the engine. */

function flowOf(template: string, name: string): FlowDefinition {
  const flow = readFlopack(readTemplate(template)).flows.find((candidate) => candidate.name.startsWith(name));
  if (!flow) throw new Error(`no flow '${name}' in ${template}`);
  return flow;
}

function context(extra: Partial<EngineContext> = {}): EngineContext {
  let now = Date.parse('2026-01-01T00:00:00.000Z');
  return { executionId: 'exec-template', clock: () => new Date(now++), cards: defaultCardRegistry, readNestedFlow, ...extra };
}

const post = (body: unknown): HttpTrigger => ({ kind: 'http', method: 'POST', headers: { 'content-type': 'application/json' }, query: {}, body: JSON.stringify(body) });
const outputOf = (result: Awaited<ReturnType<typeof runFlow>>, cardName: string) => result.cards.filter((card) => card.cardName === cardName).at(-1)?.outputs;

describeWithTemplates('Okta template flows run in Tollgate', () => {
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
    // The template's own table ("Allowed domain list", from the export) in memory, with the allowed domains.
    const contents = readFlopack(readTemplate('validate_email_domain_using_registration_inline_ho'));
    const allowedDomains = Object.keys(contents.tables)[0];
    const tables = memoryTablesService(contents.tables);
    const ready = Promise.all(['atko.email', 'tollgate.test'].map((domain) => tables.createRow(allowedDomains, { 'Allowed Domains': domain })));
    const flow = flowOf('validate_email_domain_using_registration_inline_ho', 'Validate Email Domains');
    const registration = (email: string) => post({ eventType: 'com.okta.user.pre-registration', data: { userProfile: { login: email, email }, action: 'ALLOW' } });

    test('an allowed domain is allowed: the real Search Rows finds its row', async () => {
      await ready;
      const result = await runFlow(flow, registration('jane@atko.email'), context({ services: { tables } }));
      expect(result.status).toBe('succeeded');
      expect(result.answer?.statusCode).toBe(200);
      expect(JSON.parse(result.answer?.body as string)).toEqual({ commands: [{ type: 'com.okta.action.update', value: { registration: 'ALLOW' } }] });
      expect(outputOf(result, 'Search Rows')).toMatchObject({ 'Fields.Allowed Domains': 'atko.email' });
    });

    test("another domain is denied with the template's error cause", async () => {
      await ready;
      const result = await runFlow(flow, registration('bob@example.com'), context({ services: { tables } }));
      expect(JSON.parse(result.answer?.body as string)).toEqual({
        error: {
          errorSummary: 'Invalid domain. Please contact your admin.',
          errorCauses: [{ errorSummary: 'Invalid domain. Please contact your admin.', reason: 'INVALID_EMAIL_DOMAIN', locationType: 'body', location: 'data.userProfile.email', domain: 'end-user' }],
        },
      });
    });

    test('without the host tables the flow fails at Search Rows, naming it', async () => {
      const result = await runFlow(flow, registration('jane@atko.email'), context());
      expect(result.error?.message).toMatch(/card 'Search Rows' \(stash:searchRows2, id 24qM2z-kp\) failed: tables need the host's tables \(services\.tables\)/);
    });
  });

  test('send_notifications_for_a_breached_password_event: Close answers before the rest of the flow runs', async () => {
    const flows = readFlopack(readTemplate('send_notifications_for_a_breached_password_event')).flows;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const helperRuns: ExecutionResult[] = [];
    // The real For Each calls the export's helper flow through the host, which holds it until released.
    const services: EngineServices = {
      callFlow: async (flowId, trigger, parent) => {
        await released;
        const helper = flows.find((candidate) => candidate.id === flowId)!;
        const result = await runFlow(helper, trigger, context({ executionId: `${parent.executionId}/${helperRuns.length + 1}` }));
        helperRuns.push(result);
        return result;
      },
    };
    const flow = flowOf('send_notifications_for_a_breached_password_event', 'Event Initiated Flow');
    const events = { data: { events: [{ eventType: 'security.breached_credential.detected', actor: { alternateId: 'ada@example.com', displayName: 'Ada' } }] } };
    const run = startFlow(flow, post(events), context({ services }));
    const reply = await run.reply;
    expect(reply).toMatchObject({ kind: 'answer', answer: { statusCode: 200 } });
    expect(helperRuns).toEqual([]);
    release();
    const result = await run.done;
    expect(result.cards.map((card) => card.cardName)).toEqual(['API Endpoint', 'Close', 'Get Multiple', 'For Each']);
    // After the answer: the helper ran for the event; its Gmail and Slack cards are placeholders that fail.
    expect(helperRuns).toHaveLength(1);
    expect(helperRuns[0].cards.find((card) => card.cardName === 'Compose')?.outputs?.output).toMatch(/^Hello ,/);
    expect(helperRuns[0].error?.message).toMatch(/'Send Message to Channel' belongs to the Slack connector/);
    expect(result).toMatchObject({ status: 'failed', answer: { statusCode: 200 } });
  });
});
