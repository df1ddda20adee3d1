import { getEventListeners } from 'node:events';
import { describe, expect, test } from 'vitest';
import { defineCard, type CardDeclaration } from './card.js';
import { CARD_DECLARATIONS, cardRegistry } from '../cards/registry.js';
import { runFlow, startFlow } from './run-flow.js';
import { card, compose, engineContext, field, flow, wire } from './flow-test-kit.js';
import type { HttpTrigger } from './types.js';

const manual = { kind: 'manual' } as const;
const post = (body: string): HttpTrigger => ({ kind: 'http', method: 'POST', headers: {}, query: {}, body });
const endpoint = card('start', 'http:accept', { outputs: [field('body', 'body', 'string', { group: 'raw' })] });
const noopStart = card('start', 'control:noop');

/** A card whose run waits until the test releases it, to observe what happens meanwhile. */
function gateCard(): { declaration: CardDeclaration; release: () => void; started: Promise<void> } {
  let release!: () => void;
  let markStarted!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const declaration = defineCard({
    type: 'test:gate',
    title: 'Gate',
    description: 'Waits for the test.',
    kind: 'function',
    okta: { address: 'root:kernel:test:0.0.1:gate', timeout: 1000 },
    inputs: [],
    outputs: [{ key: 'done', type: 'boolean' }],
    async run(ctx) {
      markStarted();
      await gate;
      return { outputs: { [ctx.outputFields[0].id]: true } };
    },
  });
  return { declaration, release, started };
}

const withCards = (...extra: CardDeclaration[]) => cardRegistry([...CARD_DECLARATIONS, ...extra]);

describe('running a flow', () => {
  test('cards run in order and each is recorded with its inputs, outputs and timing from the injected clock', async () => {
    const definition = flow(
      [
        noopStart,
        card('assign', 'control:let', { inputs: [field('colorIn', 'color', 'string', { value: 'Red' })], outputs: [field('colorOut', 'color', 'string')] }),
        compose('say', 'Color: {{{c}}}', [field('c', 'c', 'string')]),
      ],
      [wire('assign.colorOut', 'say.c')],
    );
    const result = await runFlow(definition, manual, engineContext());
    expect(result.status).toBe('succeeded');
    expect(result.ending).toBe('completed');
    expect(result.cards.map((record) => [record.cardId, record.status])).toEqual([
      ['start', 'succeeded'],
      ['assign', 'succeeded'],
      ['say', 'succeeded'],
    ]);
    expect(result.cards[1]).toMatchObject({ inputs: { color: 'Red' }, outputs: { color: 'Red' } });
    expect(result.cards[2].outputs).toEqual({ output: 'Color: Red' });
    // The stepping clock moves 1 ms per read: execution start, then start and end of each card.
    expect(result.startedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(result.cards.map((record) => [record.startedAt, record.durationMs])).toEqual([
      ['2026-01-01T00:00:00.001Z', 1],
      ['2026-01-01T00:00:00.003Z', 1],
      ['2026-01-01T00:00:00.005Z', 1],
    ]);
    expect(result.durationMs).toBe(7);
  });

  describe('If/Else with its branches and the Join', () => {
    const branching = (color: string) =>
      flow(
        [
          noopStart,
          card('assign', 'control:let', { inputs: [field('in', 'color', 'string', { value: color })], outputs: [field('out', 'color', 'string')] }),
          card('if', 'control:if', {
            inputs: [field('a', 'left-operand', 'string'), field('op', 'operator', 'string', { value: '==' }), field('b', 'right-operand', 'string', { value: 'Red' })],
            outputs: [field('result', 'result', 'boolean')],
            branches: [
              { when: true, cards: [compose('sith', 'Sith')] },
              { when: false, cards: [compose('jedi', 'Jedi')] },
            ],
          }),
          card('join', 'control:join', { inputs: [field('joinIn', 'side', 'string')], outputs: [field('joinOut', 'side', 'string')], joins: { joinIn: [{ output: 'joinOut' }] } }),
          compose('final', '{{{side}}} because {{{color}}}', [field('side', 'side', 'string'), field('color', 'color', 'string')]),
        ],
        [wire('assign.out', 'if.a'), wire('sith.sithOut', 'join.joinIn'), wire('jedi.jediOut', 'join.joinIn'), wire('join.joinOut', 'final.side'), wire('assign.out', 'final.color')],
      );

    test.each([
      ['Red', 'sith', 'Sith because Red', true],
      ['Blue', 'jedi', 'Jedi because Blue', false],
    ])('%s runs only the %s branch and the Join passes its value on', async (color, branchCard, sentence, result) => {
      const run = await runFlow(branching(color), manual, engineContext());
      const ran = run.cards.map((record) => record.cardId);
      expect(ran).toEqual(['start', 'assign', 'if', branchCard, 'join', 'final']);
      expect(run.cards.find((record) => record.cardId === 'if')?.outputs).toEqual({ result });
      expect(run.cards.at(-1)?.outputs).toEqual({ output: sentence });
    });

    test('an input wired only from a branch that did not run gets nothing; with two wires, the source that ran wins', async () => {
      const definition = branching('Blue');
      const final = definition.cards[4];
      final.inputs!.push(field('fromSith', 'fromSith', 'string', { value: 'literal is ignored once wired' }));
      definition.wires.push(wire('sith.sithOut', 'final.fromSith'), wire('sith.sithOut', 'final.color'));
      const run = await runFlow(definition, manual, engineContext());
      expect(run.cards.at(-1)?.inputs).toMatchObject({ fromSith: null, color: 'Blue' });
    });
  });

  test('conversions on wires and loose coercion into the input type', async () => {
    const definition = flow(
      [
        endpoint,
        card('get', 'object:get', {
          inputs: [field('object', 'object', 'object'), field('path', 'path', 'string', { value: 'user.age' })],
          outputs: [field('age', 'output', 'number')],
        }),
        compose('say', 'age {{{n}}}, raw {{{raw}}}, wrapped {{{w}}}', [field('n', 'n', 'string'), field('raw', 'raw', 'string'), field('w', 'w', 'string')]),
      ],
      [
        wire('start.body', 'get.object', { convert: 'parse' }),
        wire('get.age', 'say.n'),
        wire('get.age', 'say.w', { convert: 'wrapArray' }),
        wire('start.body', 'say.raw'),
      ],
    );
    const run = await runFlow(definition, post('{"user":{"age":"42"}}'), engineContext());
    expect(run.status).toBe('succeeded');
    expect(run.cards[1].inputs).toEqual({ object: { user: { age: '42' } }, path: 'user.age' });
    expect(run.cards[1].outputs).toEqual({ output: 42 }); // text '42' read as the declared number
    expect(run.cards[2].outputs).toEqual({ output: 'age 42, raw {"user":{"age":"42"}}, wrapped [42]' });
  });

  test('API Connector Close answers the caller first; later cards still run and are recorded', async () => {
    const gate = gateCard();
    const definition = flow([
      endpoint,
      card('close', 'httpfunctions:close', {
        inputs: [field('status', 'statusCode', 'number', { group: 'Response', value: 200 }), field('closeBody', 'body', 'object', { group: 'Response', value: { ok: true } })],
      }),
      card('slow', 'test:gate', { outputs: [field('done', 'done', 'boolean')] }),
      compose('after', 'still running'),
    ]);
    const answers: unknown[] = [];
    const run = startFlow(definition, post('{}'), engineContext({ cards: withCards(gate.declaration), onAnswer: (answer) => answers.push(answer) }));
    let finished = false;
    void run.done.then(() => (finished = true));

    const reply = await run.reply;
    expect(reply).toEqual({ kind: 'answer', cardId: 'close', answer: { statusCode: 200, headers: {}, body: { ok: true } } });
    expect(answers).toHaveLength(1);
    await gate.started;
    expect(finished).toBe(false);

    gate.release();
    const result = await run.done;
    expect(result.status).toBe('succeeded');
    expect(result.answeredBy).toBe('close');
    expect(result.cards.map((record) => record.cardId)).toEqual(['start', 'close', 'slow', 'after']);
    expect(result.cards[2].outputs).toEqual({ done: true });
    expect(result.cards[3].outputs).toEqual({ output: 'still running' });
  });

  test('a failing card fails the execution with an error naming the card; later cards do not run', async () => {
    const definition = flow([
      endpoint,
      card('parse', 'json:parse', { name: 'Parse order', inputs: [field('text', 'string', 'string')], outputs: [field('obj', 'output', 'object')] }),
      compose('never', 'not reached'),
    ], [wire('start.body', 'parse.text')]);
    const run = startFlow(definition, post('{oops'), engineContext());
    const reply = await run.reply;
    expect(reply.kind).toBe('finished');
    const result = await run.done;
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ reason: 'card', cardId: 'parse', cardName: 'Parse order', cardType: 'json:parse' });
    expect(result.error?.message).toMatch(/^card 'Parse order' \(json:parse, id parse\) failed: input 'string': the text is not valid JSON/);
    expect(result.cards.map((record) => [record.cardId, record.status])).toEqual([
      ['start', 'succeeded'],
      ['parse', 'failed'],
    ]);
    expect(result.cards[1].error).toBe(result.error?.message);
  });

  test('a conversion that fails on a wire names the card and the input', async () => {
    const definition = flow(
      [endpoint, card('pick', 'object:pick', { inputs: [field('object', 'object', 'object')], outputs: [field('x', 'x', 'string')] })],
      [wire('start.body', 'pick.object', { convert: 'parse' })],
    );
    const result = await runFlow(definition, post('not json'), engineContext());
    expect(result.error?.message).toMatch(/card 'pick' \(object:pick, id pick\) failed: input 'object' \(parse conversion\): the text is not valid JSON/);
  });

  test('a card type Tollgate does not implement fails when reached, naming it', async () => {
    const result = await runFlow(flow([noopStart, card('sheet', 'googlesheets:readAllRows', { name: 'Read All Rows' })]), manual, engineContext());
    expect(result.status).toBe('failed');
    expect(result.error?.message).toBe("card 'Read All Rows' (googlesheets:readAllRows, id sheet) failed: the card 'Read All Rows' belongs to the Google Sheets connector, which is not available in Tollgate: the card is kept as a placeholder (it imports and exports unchanged) and cannot run");
  });

  test('an API Endpoint flow cannot be started as a helper flow', async () => {
    const result = await runFlow(flow([endpoint]), { kind: 'call', inputs: {} }, engineContext());
    expect(result.error).toMatchObject({ reason: 'flow', cardId: 'start' });
    expect(result.cards).toEqual([]);
  });

  test('Comment cards never run and leave no record', async () => {
    const result = await runFlow(flow([noopStart, card('note', 'control:comment', { comments: { title: 'hi' } }), compose('c', 'x')]), manual, engineContext());
    expect(result.cards.map((record) => record.cardId)).toEqual(['start', 'c']);
  });

  test('without "save all data" the records keep timing but no values', async () => {
    const result = await runFlow(flow([noopStart, compose('c', 'secret')]), manual, engineContext({ recordValues: false }));
    expect(result.cards[1]).not.toHaveProperty('inputs');
    expect(result.cards[1]).not.toHaveProperty('outputs');
    expect(result.cards[1].durationMs).toBe(1);
  });
});

describe('how a flow ends and answers', () => {
  const returnRaw = (id: string, status: number, body: string) =>
    card(id, 'control:returnRaw', {
      inputs: [field(`${id}S`, 'statusCode', 'number', { value: status }), field(`${id}H`, 'headers', 'object', { value: { 'Content-Type': 'text/plain' } }), field(`${id}B`, 'body', 'string', { value: body })],
    });

  test('Return Raw answers with status, headers and text, and ends the flow', async () => {
    const run = startFlow(flow([endpoint, returnRaw('raw', 201, 'created'), compose('after', 'x')]), post(''), engineContext());
    expect(await run.reply).toEqual({ kind: 'answer', cardId: 'raw', answer: { statusCode: 201, headers: { 'Content-Type': 'text/plain' }, body: 'created' } });
    const result = await run.done;
    expect(result.ending).toBe('returned');
    expect(result.cards.map((record) => record.cardId)).toEqual(['start', 'raw']);
  });

  test('the first answer counts: Close, then Return Raw still ends the flow without answering again', async () => {
    const close = card('close', 'httpfunctions:close', { inputs: [field('s', 'statusCode', 'number', { group: 'Response', value: 202 })] });
    const result = await runFlow(flow([endpoint, close, returnRaw('raw', 200, 'late'), compose('after', 'x')]), post(''), engineContext());
    expect(result.answer).toEqual({ statusCode: 202, headers: {}, body: null });
    expect(result.answeredBy).toBe('close');
    expect(result.ending).toBe('returned');
    expect(result.cards.map((record) => record.cardId)).toEqual(['start', 'close', 'raw']);
  });

  const returnCard = card('ret', 'control:return', {
    inputs: [field('r1', 'userType', 'string', { value: 'Contractor', custom: true }), field('r2', 'count', 'number', { value: '3', custom: true })],
    outputs: [field('o1', 'userType', 'string'), field('o2', 'count', 'number')],
  });

  test('Return in an API Endpoint flow answers 200 with its fields as JSON', async () => {
    const result = await runFlow(flow([endpoint, returnCard]), post(''), engineContext());
    expect(result.answer).toEqual({ statusCode: 200, headers: {}, body: { userType: 'Contractor', count: 3 } });
    expect(result.outputs).toEqual({ userType: 'Contractor', count: 3 });
  });

  test('Return in a helper flow hands its fields back without an HTTP answer', async () => {
    const helper = card('start', 'control:callable', { outputs: [field('name', 'name', 'string', { custom: true })] });
    const greet = compose('greet', 'Hello {{{n}}}', [field('n', 'n', 'string')]);
    const ret = card('ret', 'control:return', { inputs: [field('g', 'greeting', 'string', { custom: true })] });
    const result = await runFlow(flow([helper, greet, ret], [wire('start.name', 'greet.n'), wire('greet.greetOut', 'ret.g')]), { kind: 'call', inputs: { name: 'Ada' } }, engineContext());
    expect(result.answer).toBeUndefined();
    expect(result.outputs).toEqual({ greeting: 'Hello Ada' });
  });

  test('a flow that ends without answering replies with its result', async () => {
    const run = startFlow(flow([endpoint, compose('c', 'x')]), post(''), engineContext());
    const reply = await run.reply;
    expect(reply.kind).toBe('finished');
    if (reply.kind === 'finished') expect(reply.result).toMatchObject({ status: 'succeeded', ending: 'completed' });
    expect((await run.done).answer).toBeUndefined();
  });

  test('Return Error fails the flow with its message and status code', async () => {
    const thrower = card('err', 'control:throw', { inputs: [field('s', 'statusCode', 'number', { value: 403 }), field('m', 'message', 'string', { value: 'Not allowed' })] });
    const result = await runFlow(flow([endpoint, thrower, compose('after', 'x')]), post(''), engineContext());
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ reason: 'returned-error', message: 'Not allowed', statusCode: 403, cardId: 'err' });
    expect(result.cards.at(-1)?.cardId).toBe('err');
  });

  test.each([
    ['', true, 'failed'],
    ['x', false, 'succeeded'],
  ])('Return Error If on %o (is empty: %s) → %s', async (value, _empty, status) => {
    const throwIf = card('check', 'control:throwIf', {
      inputs: [
        field('a', 'left-operand', 'string', { value }),
        field('op', 'operator', 'string', { value: 'is empty' }),
        field('b', 'right-operand', 'string'),
        field('m', 'message', 'string', { value: 'userId is a required field' }),
        field('s', 'statusCode', 'number', { value: 400 }),
      ],
    });
    const result = await runFlow(flow([noopStart, throwIf]), manual, engineContext());
    expect(result.status).toBe(status);
    if (status === 'failed') expect(result.error).toMatchObject({ message: 'userId is a required field', statusCode: 400, reason: 'returned-error' });
  });

  test('Continue If stops the flow without an error when the condition is false', async () => {
    const continueIf = (value: string) =>
      card('gate', 'control:continueIf', {
        inputs: [
          field('a', 'left-operand', 'string', { value }),
          field('op', 'operator', 'string', { value: 'in' }),
          field('b', 'right-operand', 'string', { value: 'this is a test' }),
          field('m', 'message', 'string', { group: 'otherwise', value: 'not a test' }),
        ],
        outputs: [field('msg', 'message', 'string')],
      });
    const halted = await runFlow(flow([noopStart, continueIf('nope'), compose('after', 'x')]), manual, engineContext());
    expect(halted).toMatchObject({ status: 'succeeded', ending: 'halted', haltMessage: 'not a test' });
    expect(halted.cards.map((record) => record.cardId)).toEqual(['start', 'gate']);
    const went = await runFlow(flow([noopStart, continueIf('test'), compose('after', 'x')]), manual, engineContext());
    expect(went.cards.map((record) => record.cardId)).toEqual(['start', 'gate', 'after']);
  });
});

describe('cut-off', () => {
  test('aborting the signal cuts the execution off at the running card', async () => {
    const gate = gateCard();
    const controller = new AbortController();
    const run = startFlow(flow([noopStart, card('slow', 'test:gate'), compose('after', 'x')]), manual, engineContext({ cards: withCards(gate.declaration), signal: controller.signal }));
    await gate.started;
    controller.abort(new Error('60 s limit'));
    const result = await run.done;
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ reason: 'cut-off', cardId: 'slow' });
    expect(result.error?.message).toBe("the execution was cut off (60 s limit) while running card 'slow' (test:gate, id slow)");
    expect(result.cards.map((record) => [record.cardId, record.status])).toEqual([
      ['start', 'succeeded'],
      ['slow', 'failed'],
    ]);
    gate.release();
  });

  test('a signal shared by many executions keeps no listener once they are over', async () => {
    const controller = new AbortController();
    for (let i = 0; i < 20; i++) await runFlow(flow([noopStart, compose('c', 'x')]), manual, engineContext({ signal: controller.signal }));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  test('an already aborted signal stops before the first card', async () => {
    const controller = new AbortController();
    controller.abort('shutting down');
    const result = await runFlow(flow([noopStart]), manual, engineContext({ signal: controller.signal }));
    expect(result.error).toMatchObject({ reason: 'cut-off', cardId: 'start' });
    expect(result.error?.message).toMatch(/cut off \(shutting down\) before card/);
    expect(result.cards).toEqual([]);
  });
});

describe('what the host lends the engine', () => {
  test('cards get the services of the engine context', async () => {
    const calls: string[] = [];
    const caller = defineCard({
      type: 'test:callFlow',
      title: 'Call',
      description: 'Calls a flow through the host.',
      kind: 'function',
      okta: { address: 'root:kernel:test:0.0.1:callFlow', timeout: 1000 },
      inputs: [],
      outputs: [],
      async run(ctx) {
        const result = await ctx.services.callFlow?.('helper-1', { kind: 'call', inputs: { n: 1 } }, { executionId: ctx.executionId, cardId: ctx.card.id });
        calls.push(result?.flowId ?? 'none');
        return {};
      },
    });
    const services = {
      callFlow: async (flowId: string) => ({ ...(await runFlow(flow([noopStart]), manual, engineContext())), flowId }),
    };
    await runFlow(flow([noopStart, card('call', 'test:callFlow')]), manual, engineContext({ cards: withCards(caller), services }));
    expect(calls).toEqual(['helper-1']);
  });

  test('findUnsupportedCards lists the cards Tollgate cannot run, nested flows included', async () => {
    const { findUnsupportedCards } = await import('./support.js');
    const { defaultCardRegistry } = await import('../cards/registry.js');
    const { readNestedFlow } = await import('../flopack/graph.js');
    const nested = card('tryCatch', 'control:tryCatch', {
      inputs: [field('try', 'try', 'flo', { flow: { cards: [card('h', 'control:callable'), card('slack', 'slack:postMessage')], wires: [] } })],
    });
    const sheet = card('sheet', 'googlesheets:readAllRows');
    expect(findUnsupportedCards(flow([noopStart, compose('c', 'x'), sheet, nested]), defaultCardRegistry, readNestedFlow).map((unsupported) => unsupported.id)).toEqual(['sheet', 'slack']);
  });
});
