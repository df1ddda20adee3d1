import { describe, expect, test } from 'vitest';
import { CardError, defineCard, type CardDeclaration } from './card.js';
import { CARD_DECLARATIONS, cardRegistry } from '../cards/registry.js';
import type { ErrorPolicy, FlowDefinition } from '../model/flow.schema.js';
import { isRetryable, retryDelay } from './error-policy.js';
import { runFlow } from './run-flow.js';
import { card, compose, engineContext, field, flow, wire } from './flow-test-kit.js';
import type { CallTrigger, EngineServices, ExecutionResult } from './types.js';

/*
 * Each card's error policy as Okta exports it (`node.model.policy.error`): retry N times after a
 * fixed or ranged delay (only rate limits, with `retryCondition: "ratelimits"`), then stop the flow
 * (`finish`), run a helper flow with the error (`flo`), or hand values back (`return`).
 */

const manual = { kind: 'manual' } as const;

/** A card that fails its first `failures` runs (with an HTTP status, when given), then answers "ok". */
function flaky(failures: number, httpStatus?: number): { declaration: CardDeclaration; runs: () => number } {
  let runs = 0;
  const declaration = defineCard({
    type: 'test:flaky',
    title: 'Flaky',
    description: 'Fails, then works.',
    kind: 'function',
    okta: { address: 'root:kernel:test:0.0.1:flaky', timeout: 1000 },
    inputs: [],
    outputs: [{ key: 'result', type: 'string' }],
    run(ctx) {
      runs++;
      if (runs <= failures) throw new CardError(httpStatus ? `${httpStatus === 429 ? 'Too Many Requests' : 'Not Found'}` : 'the service is down', { httpStatus });
      return { outputs: { [ctx.outputFields[0].id]: 'ok' } };
    },
  });
  return { declaration, runs: () => runs };
}

function flowWith(policy: ErrorPolicy | undefined): FlowDefinition {
  return flow(
    [
      card('start', 'control:noop'),
      card('call', 'test:flaky', { name: 'Read User', outputs: [field('result', 'result', 'string', { value: 'fallback' })], onError: policy }),
      compose('after', 'got {{{r}}}', [field('r', 'r', 'string')]),
    ],
    [wire('call.result', 'after.r')],
  );
}

async function run(policy: ErrorPolicy | undefined, failing: ReturnType<typeof flaky>, services?: EngineServices) {
  const sleeps: number[] = [];
  const result = await runFlow(
    flowWith(policy),
    manual,
    engineContext({
      cards: cardRegistry([...CARD_DECLARATIONS, failing.declaration]),
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
      random: () => 0.25,
      services,
    }),
  );
  return { result, sleeps };
}

describe('retry', () => {
  test('retries after the fixed delay until the card works; the record counts the attempts', async () => {
    const failing = flaky(2);
    const { result, sleeps } = await run({ type: 'finish', retry: 3, delay: 120000 }, failing);
    expect(result.status).toBe('succeeded');
    expect(failing.runs()).toBe(3);
    expect(sleeps).toEqual([120000, 120000]);
    expect(result.cards[1]).toMatchObject({ status: 'succeeded', attempts: 3, outputs: { result: 'ok' } });
    expect(result.cards.at(-1)?.outputs).toEqual({ output: 'got ok' });
  });

  test('gives up after the retries and stops the flow (Okta "Halt Flow")', async () => {
    const failing = flaky(10);
    const { result, sleeps } = await run({ type: 'finish', retry: 3, delay: 180000 }, failing);
    expect(failing.runs()).toBe(4);
    expect(sleeps).toHaveLength(3);
    expect(result.status).toBe('failed');
    expect(result.error?.message).toBe("card 'Read User' (test:flaky, id call) failed: the service is down");
    expect(result.cards.map((record) => record.cardId)).toEqual(['start', 'call']);
  });

  test('a ranged delay is drawn from the range', async () => {
    const { sleeps } = await run({ type: 'finish', retry: 1, delay: [60000, 180000] }, flaky(1));
    expect(sleeps).toEqual([90000]);
    expect(retryDelay({ type: 'finish', delay: [180000, 60000] }, () => 1)).toBe(180000);
    expect(retryDelay({ type: 'finish' }, () => 0.5)).toBe(0);
  });

  test('with retryCondition "ratelimits", only an HTTP 429 is retried', async () => {
    const rateLimited = flaky(1, 429);
    expect((await run({ type: 'finish', retry: 2, delay: 1000, retryCondition: 'ratelimits' }, rateLimited)).result.status).toBe('succeeded');
    expect(rateLimited.runs()).toBe(2);
    const down = flaky(1);
    expect((await run({ type: 'finish', retry: 2, delay: 1000, retryCondition: 'ratelimits' }, down)).result.status).toBe('failed');
    expect(down.runs()).toBe(1);
  });

  test("answers Okta never retries (404) and Return Error are not retried", async () => {
    const notFound = flaky(1, 404);
    expect((await run({ type: 'finish', retry: 3, delay: 1000 }, notFound)).result.status).toBe('failed');
    expect(notFound.runs()).toBe(1);
    expect(isRetryable(new CardError('x', { returnedError: true }), { type: 'finish', retry: 3 })).toBe(false);
    expect(isRetryable(new CardError('x', { httpStatus: 503 }), { type: 'finish', retry: 3 })).toBe(true);
  });
});

describe('after the last failure', () => {
  test('"flo": runs the helper flow with the error (context.error), then stops the flow', async () => {
    const calls: CallTrigger[] = [];
    const services: EngineServices = {
      callFlow: (flowId, trigger, parent) => {
        calls.push(trigger);
        return Promise.resolve<ExecutionResult>({ executionId: `${parent.executionId}>${flowId}`, status: 'succeeded', startedAt: '', finishedAt: '', durationMs: 0, cards: [] });
      },
    };
    const { result } = await run({ type: 'flo', flo: 'error-flow', retry: 0, delay: [60000, 180000], retryCondition: 'ratelimits' }, flaky(5), services);
    expect(result.status).toBe('failed');
    expect(calls).toHaveLength(1);
    expect(calls[0].error).toEqual({ message: 'the service is down', method: 'Read User', flo: null, execution: 'exec-test' });
    expect(calls[0].parent).toMatchObject({ execution_id: 'exec-test', method: 'call' });
    expect(result.cards[1].calls).toEqual([{ flowId: 'error-flow', executionId: 'exec-test>error-flow', status: 'succeeded', index: undefined }]);
  });

  test('"flo" without the host flows still stops the flow, saying the error flow could not run', async () => {
    const { result } = await run({ type: 'flo', flo: 'error-flow' }, flaky(5));
    expect(result.error?.message).toMatch(/the service is down \(and its error flow could not run: calling flow 'error-flow' needs the host's flows/);
  });

  test('"return": the flow stops as failed but hands the card\'s output values to its caller', async () => {
    const { result } = await run({ type: 'return', retry: 0, delay: [60000, 180000], retryCondition: 'ratelimits' }, flaky(5));
    expect(result).toMatchObject({ status: 'failed', ending: 'returned', outputs: { result: 'fallback' } });
    expect(result.cards.map((record) => record.cardId)).toEqual(['start', 'call']);
  });

  test('a Call Flow of a helper that stopped with "return" gets those values and goes on', async () => {
    const failing = flaky(5);
    const cards = cardRegistry([...CARD_DECLARATIONS, failing.declaration]);
    const helperFlow: FlowDefinition = { ...flowWith({ type: 'return' }), id: 'h' };
    helperFlow.cards[0] = card('start', 'control:callable');
    const services: EngineServices = { callFlow: (_id, trigger) => runFlow(helperFlow, trigger, engineContext({ cards })) };
    const caller = flow(
      [card('s', 'control:noop'), card('c', 'control:spawn', { inputs: [field('flo', 'flo', 'flo', { value: 'h' })], outputs: [field('co', 'result', 'string')] })],
      [],
    );
    const result = await runFlow(caller, manual, engineContext({ cards, services }));
    expect(result.status).toBe('succeeded');
    expect(result.cards[1].outputs).toEqual({ result: 'fallback' });
  });

  test('no policy, or "finish", stops the flow at the card', async () => {
    for (const policy of [undefined, { type: 'finish' }]) {
      const { result } = await run(policy, flaky(1));
      expect(result.status).toBe('failed');
      expect(result.error).toMatchObject({ reason: 'card', cardId: 'call' });
    }
  });
});

describe('a policy that cannot be carried out', () => {
  test('an If Error section that cannot be read, or one in another flow without the host, fails the card (not the engine)', async () => {
    for (const flo of [{ methods: [{ uuid: 'x' }] }, 'section-in-another-flow']) {
      const { result } = await run({ type: 'handler', flo }, flaky(1));
      expect(result.status).toBe('failed');
      expect(result.error).toMatchObject({ reason: 'card', cardId: 'call' });
      expect(result.error?.message).toMatch(/error handler flow of this card cannot be read|needs the host's flows/);
    }
  });
});
