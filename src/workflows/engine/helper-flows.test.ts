import { describe, expect, test } from 'vitest';
import { CardError, defineCard, type CardDeclaration } from './card.js';
import { CARD_DECLARATIONS, cardRegistry } from '../cards/registry.js';
import type { Card, Field, FlowDefinition, FlowGraph } from '../model/flow.schema.js';
import { runFlow, startFlow } from './run-flow.js';
import { card, compose, engineContext, field, flow, wire } from './flow-test-kit.js';
import type { CardRecord, EngineContext, EngineServices, ExecutionResult } from './types.js';

/*
 * Helper flows through the engine: Call Flow (waits), Call Flow Async (does not), the iterators with
 * their item mapping and `concurrency`, Repeat, If/ElseIf and If Error with their nested flows.
 * Flows called by id go through a host `callFlow` written here the way the server writes it.
 */

const manual = { kind: 'manual' } as const;
const start = card('start', 'control:noop');

/** A helper flow: Helper Flow card with these outputs (by key), the given cards, then Return of `returns`. */
function helper(id: string, inputs: Field[], body: Card[], returns: Field[], wires: FlowDefinition['wires']): FlowDefinition {
  return {
    id,
    name: `helper ${id}`,
    cards: [card('h', 'control:callable', { outputs: inputs }), ...body, card('ret', 'control:return', { inputs: returns, outputs: returns.map((f) => ({ ...f, id: `${f.id}Out` })) })],
    wires,
  };
}

/** The host's callFlow: runs stored flows, linking each execution to its caller. */
function host(flows: FlowDefinition[], extra: Partial<EngineContext> = {}): { services: EngineServices; runs: ExecutionResult[] } {
  const runs: ExecutionResult[] = [];
  let counter = 0;
  const services: EngineServices = {
    callFlow: async (flowId, trigger, parent) => {
      const stored = flows.find((candidate) => candidate.id === flowId);
      if (!stored) throw new CardError(`no flow '${flowId}'`);
      const result = await runFlow(stored, trigger, engineContext({ executionId: `${parent.executionId}>${flowId}#${++counter}`, services, ...(extra.cards && { cards: extra.cards }), sleep: extra.sleep }));
      runs.push(result);
      return result;
    },
  };
  return { services, runs };
}

const recordOf = (result: ExecutionResult, cardId: string): CardRecord => result.cards.find((record) => record.cardId === cardId)!;

/** Greets its `name` input: "Hello <name>" (or fails for the name "boom"). */
const greeter = helper(
  'greeter',
  [field('hName', 'name', 'string'), field('hIndex', 'index', 'number', { group: 'context' }), field('hParent', 'parent', 'object', { group: 'context' })],
  [
    card('check', 'control:throwIf', {
      inputs: [field('a', 'left-operand', 'string'), field('op', 'operator', 'string', { value: '==' }), field('b', 'right-operand', 'string', { value: 'boom' }), field('m', 'message', 'string', { value: 'no booms' }), field('s', 'statusCode', 'number', { value: 422 })],
    }),
    compose('say', 'Hello {{{n}}}', [field('n', 'n', 'string')]),
  ],
  [field('greeting', 'greeting', 'string')],
  [wire('h.hName', 'check.a'), wire('h.hName', 'say.n'), wire('say.sayOut', 'ret.greeting')],
);

describe('Call Flow (control:spawn)', () => {
  const caller = (name: string) =>
    flow(
      [
        start,
        card('call', 'control:spawn', {
          inputs: [field('flo', 'flo', 'flo', { value: 'greeter' }), field('nameIn', 'name', 'string', { value: name })],
          outputs: [field('greetingOut', 'greeting', 'string')],
        }),
        compose('after', '{{{g}}}!', [field('g', 'g', 'string')]),
      ],
      [wire('call.greetingOut', 'after.g')],
    );

  test('runs the helper with the inputs by key, waits, and gives its Return by key; the helper is linked to its caller', async () => {
    const { services, runs } = host([greeter]);
    const result = await runFlow(caller('Ada'), manual, engineContext({ services }));
    expect(result.status).toBe('succeeded');
    expect(result.cards.at(-1)?.outputs).toEqual({ output: 'Hello Ada!' });
    expect(runs).toHaveLength(1);
    expect(runs[0].cards[0].outputs).toMatchObject({ name: 'Ada', 'context.parent': { execution_id: 'exec-test', method: 'call' } });
    expect(recordOf(result, 'call').calls).toEqual([{ flowId: 'greeter', executionId: 'exec-test>greeter#1', status: 'succeeded', index: undefined }]);
  });

  test("a helper's Return Error fails the Call Flow card with the helper's message and status", async () => {
    const { services } = host([greeter]);
    const result = await runFlow(caller('boom'), manual, engineContext({ services }));
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ reason: 'returned-error', cardId: 'call', statusCode: 422, message: 'no booms' });
  });

  test('without the host flows, or with a flow that does not exist, the card fails saying so', async () => {
    const alone = await runFlow(caller('Ada'), manual, engineContext());
    expect(alone.error?.message).toMatch(/calling flow 'greeter' needs the host's flows \(services.callFlow\)/);
    const { services } = host([]);
    const missing = await runFlow(caller('Ada'), manual, engineContext({ services }));
    expect(missing.error?.message).toMatch(/no flow 'greeter'/);
  });

  test('a flow that calls itself without end is stopped', async () => {
    const selfCaller: FlowDefinition = {
      id: 'loop',
      name: 'loop',
      cards: [card('h', 'control:callable'), card('again', 'control:spawn', { inputs: [field('flo', 'flo', 'flo', { value: 'loop' })] })],
      wires: [],
    };
    const { services } = host([selfCaller]);
    const result = await runFlow(selfCaller, { kind: 'call', inputs: {} }, engineContext({ services }));
    expect(result.status).toBe('failed');
    // Reported once, with the depth: not "card 'again' failed: card 'again' failed: …" 32 times.
    expect(result.error?.message).toBe("helper flows are nested 33 calls deep, more than the 32 allowed: the flow 'loop' calls itself (or a loop of flows) without end");
    expect(result.error).toMatchObject({ callDepth: 33, cardId: 'again' });
  });
});

describe('Call Flow Async (control:run)', () => {
  test('starts the helper and goes on at once; a failing helper does not fail the caller', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { services } = host([greeter]);
    const slowServices: EngineServices = {
      callFlow: async (flowId, trigger, parent) => {
        await gate;
        return services.callFlow!(flowId, trigger, parent);
      },
    };
    const definition = flow([
      start,
      card('fire', 'control:run', { inputs: [field('flo', 'flo', 'flo', { value: 'greeter' }), field('nameIn', 'name', 'string', { value: 'boom' })] }),
      compose('after', 'went on'),
    ]);
    const result = await runFlow(definition, manual, engineContext({ services: slowServices }));
    expect(result.status).toBe('succeeded');
    expect(result.cards.at(-1)?.outputs).toEqual({ output: 'went on' });
    expect(recordOf(result, 'fire').calls).toEqual([{ flowId: 'greeter', status: 'started', index: undefined }]);
    release();
  });
});

/** A card that counts how many of its runs overlap (a helper body for concurrency tests). */
function overlapCounter(): { declaration: CardDeclaration; max: () => number; seen: unknown[] } {
  let inFlight = 0;
  let max = 0;
  const seen: unknown[] = [];
  const declaration = defineCard({
    type: 'test:overlap',
    title: 'Overlap',
    description: 'Counts overlapping runs.',
    kind: 'function',
    okta: { address: 'root:kernel:test:0.0.1:overlap', timeout: 1000 },
    inputs: [],
    outputs: [],
    async run(ctx) {
      inFlight++;
      max = Math.max(max, inFlight);
      seen.push(ctx.input('value'));
      for (let tick = 0; tick < 5; tick++) await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      if (ctx.input('value') === 'bad') throw new CardError('bad item');
      return {};
    },
  });
  return { declaration, max: () => max, seen };
}

/** A helper that hands its `item` to the overlap counter. */
const worker = helper('worker', [field('wItem', 'item', 'string')], [card('count', 'test:overlap', { inputs: [field('v', 'value', 'string')] })], [], [wire('h.wItem', 'count.v')]);

function iterate(type: string, list: unknown[], concurrency: number, extra: Field[] = [], outputs: Field[] = []): FlowDefinition {
  return flow([
    start,
    card('loop', type, {
      inputs: [
        field('list', 'list', 'string', { list: true, value: list }),
        field('flo', 'flo', 'flo', { value: 'worker' }),
        field('conc', 'concurrency', 'number', { value: concurrency }),
        ...extra,
      ],
      outputs,
    }),
  ]);
}

/** An extra iterator input with Okta's proxy: the item (at a path) or a fixed value, sent as `dest`. */
const proxied = (id: string, dest: string, proxy: { dynamic: boolean; path: string | null }, value?: unknown): Field =>
  field(id, dest, 'string', { custom: true, value, okta: { value: { proxy: { ...proxy, dest: { key: dest, group: null } } } } });

describe('For Each (list:each) and For Each - Ignore Errors (list:asyncEach)', () => {
  test.each([
    [1, 7, 1],
    [3, 7, 3],
    [500, 250, 200],
  ])('concurrency %d over %d items runs at most %d at once, every item once', async (concurrency, count, expectedMax) => {
    const counter = overlapCounter();
    const items = Array.from({ length: count }, (_, index) => `item-${index}`);
    const cards = cardRegistry([...CARD_DECLARATIONS, counter.declaration]);
    const { services } = host([worker], { cards });
    const result = await runFlow(iterate('list:each', items, concurrency, [proxied('p', 'item', { dynamic: true, path: '' })]), manual, engineContext({ services, cards }));
    expect(result.status).toBe('succeeded');
    expect(counter.max()).toBe(expectedMax);
    expect([...counter.seen].sort()).toEqual([...items].sort());
    if (concurrency === 1) expect(counter.seen).toEqual(items);
  });

  test('the item (or a path in it) goes where the card maps it, fixed values go as they are, context.index is the position', async () => {
    const received: unknown[] = [];
    const recorder = defineCard({
      type: 'test:record',
      title: 'Record',
      description: 'Records its inputs.',
      kind: 'function',
      okta: { address: 'root:kernel:test:0.0.1:record', timeout: 1000 },
      inputs: [],
      outputs: [],
      run(ctx) {
        received.push(Object.fromEntries(ctx.inputs.map(({ field: input, value }) => [input.key, value])));
        return {};
      },
    });
    const cards = cardRegistry([...CARD_DECLARATIONS, recorder]);
    const target = helper(
      'worker',
      [field('u', 'user', 'object'), field('i', 'userId', 'string'), field('g', 'groupId', 'string'), field('x', 'index', 'number', { group: 'context' })],
      [card('rec', 'test:record', { inputs: [field('ru', 'user', 'object'), field('ri', 'userId', 'string'), field('rg', 'groupId', 'string'), field('rx', 'index', 'number')] })],
      [],
      [wire('h.u', 'rec.ru'), wire('h.i', 'rec.ri'), wire('h.g', 'rec.rg'), wire('h.x', 'rec.rx')],
    );
    const { services } = host([target], { cards });
    const users = [{ id: '00u1', name: 'Ada' }, { id: '00u2', name: 'Bob' }];
    const definition = iterate('list:each', users, 1, [
      proxied('pu', 'user', { dynamic: true, path: '' }),
      proxied('pi', 'userId', { dynamic: true, path: 'id' }),
      proxied('pg', 'groupId', { dynamic: false, path: null }, '00g1'),
    ]);
    definition.cards[1].inputs![0].type = 'object';
    const result = await runFlow(definition, manual, engineContext({ services, cards }));
    expect(result.status).toBe('succeeded');
    expect(received).toEqual([
      { user: users[0], userId: '00u1', groupId: '00g1', index: 0 },
      { user: users[1], userId: '00u2', groupId: '00g1', index: 1 },
    ]);
  });

  test('For Each fails at the first failing item and starts no more; Ignore Errors runs them all and succeeds', async () => {
    const items = ['a', 'bad', 'c', 'd'];
    for (const [type, expectedStatus, expectedSeen] of [
      ['list:each', 'failed', ['a', 'bad']],
      ['list:asyncEach', 'succeeded', items],
    ] as const) {
      const counter = overlapCounter();
      const cards = cardRegistry([...CARD_DECLARATIONS, counter.declaration]);
      const { services } = host([worker], { cards });
      const result = await runFlow(iterate(type, items, 1, [proxied('p', 'item', { dynamic: true, path: '' })]), manual, engineContext({ services, cards }));
      expect(result.status, type).toBe(expectedStatus);
      expect(counter.seen, type).toEqual(expectedSeen);
      if (type === 'list:each') expect(result.error?.message).toMatch(/card 'loop' \(list:each, id loop\) failed: card 'count' \(test:overlap, id count\) failed: bad item/);
      else expect(recordOf(result, 'loop').calls?.map((call) => call.status)).toEqual(['succeeded', 'failed', 'succeeded', 'succeeded']);
    }
  });

  test('an iterator over a flow nested in the card (as Okta exports event cards) runs it inline, object items spread as inputs', async () => {
    const nested: FlowGraph = {
      cards: [card('nh', 'control:callable', { outputs: [field('msg', 'Message', 'string', { group: 'Output' })] }), compose('nc', 'got {{{m}}}', [field('m', 'm', 'string')])],
      wires: [wire('nh.msg', 'nc.m')],
    };
    const definition = flow([
      start,
      card('each', 'list:asyncEach', {
        inputs: [field('list', 'list', 'object', { list: true, value: [{ Output: { Message: 'one' } }, { Output: { Message: 'two' } }] }), field('flo', 'flo', 'flo', { flow: nested }), field('c', 'concurrency', 'number', { value: 1 })],
      }),
    ]);
    const result = await runFlow(definition, manual, engineContext());
    expect(result.status).toBe('succeeded');
    const runs = recordOf(result, 'each').nested!;
    expect(runs.map((run) => run.cards.at(-1)?.outputs)).toEqual([{ output: 'got one' }, { output: 'got two' }]);
    expect(runs.map((run) => [run.executionId, run.parent])).toEqual([
      ['exec-test.1', { executionId: 'exec-test', cardId: 'each' }],
      ['exec-test.2', { executionId: 'exec-test', cardId: 'each' }],
    ]);
  });
});

/** A helper returning one field computed by a Formula over its `n` (and `memo`) inputs. */
const formulaHelper = (id: string, text: string, returnKey: string, returnType = 'number') =>
  helper(
    id,
    [field('hn', 'n', 'number'), field('hm', 'memo', 'number')],
    [card('f', 'math:expression', { inputs: [field('ft', '_text_', 'string', { value: text }), field('fn', 'n', 'number'), field('fm', 'memo', 'number')], outputs: [field('fo', 'output', 'number')] })],
    [field('r', returnKey, returnType)],
    [wire('h.hn', 'f.fn'), wire('h.hm', 'f.fm'), wire('f.fo', 'ret.r')],
  );

describe('Map, Filter Custom, Reduce, Repeat, Map to List', () => {
  const numbers = [3, 1, 4, 1, 5];
  const nIsItem = proxied('pn', 'n', { dynamic: true, path: '' });

  test('Map collects each Return in the list order, whatever the concurrency', async () => {
    const { services } = host([{ ...formulaHelper('worker', '{{{n}}} * 10', 'tens') }]);
    const result = await runFlow(iterate('list:map', numbers, 3, [nIsItem], [field('out', 'new list', 'number', { list: true })]), manual, engineContext({ services }));
    expect(recordOf(result, 'loop').outputs).toEqual({ 'new list': [30, 10, 40, 10, 50] });
  });

  test('Map into a list of objects takes every Return field', async () => {
    const { services } = host([{ ...formulaHelper('worker', '{{{n}}} + 1', 'next') }]);
    const result = await runFlow(iterate('list:map', [1, 2], 1, [nIsItem], [field('out', 'new list', 'object', { list: true })]), manual, engineContext({ services }));
    expect(recordOf(result, 'loop').outputs).toEqual({ 'new list': [{ next: 2 }, { next: 3 }] });
  });

  test('Filter Custom keeps the items whose helper returns true, in order', async () => {
    const isBig = helper(
      'worker',
      [field('hn', 'n', 'number')],
      [card('cmp', 'boolean:compare', { inputs: [field('a', 'left-operand', 'number'), field('o', 'operator', 'string', { value: '>' }), field('b', 'right-operand', 'number', { value: 2 })], outputs: [field('res', 'result', 'boolean')] })],
      [field('keep', 'keep', 'boolean')],
      [wire('h.hn', 'cmp.a'), wire('cmp.res', 'ret.keep')],
    );
    const { services } = host([isBig]);
    const result = await runFlow(iterate('list:filter', numbers, 2, [nIsItem], [field('out', 'list', 'number', { list: true })]), manual, engineContext({ services }));
    expect(recordOf(result, 'loop').outputs).toEqual({ list: [3, 4, 5] });
  });

  test('Reduce hands each call the memo of the one before; the last memo is the output', async () => {
    const { services, runs } = host([formulaHelper('worker', '{{{memo}}} + {{{n}}}', 'sum')]);
    const definition = iterate('list:reduce', numbers, 1, [nIsItem, proxied('pm', 'memo', { dynamic: false, path: null }, 100)], [field('out', 'item', 'number')]);
    definition.cards[1].inputs![3].type = 'number';
    const result = await runFlow(definition, manual, engineContext({ services }));
    expect(recordOf(result, 'loop').outputs).toEqual({ item: 114 });
    expect(runs.map((run) => run.outputs)).toEqual([{ sum: 103 }, { sum: 104 }, { sum: 108 }, { sum: 109 }, { sum: 114 }]);
  });

  test('Repeat runs the helper count times with context.index 0, 1, 2', async () => {
    const indexes = helper('worker', [field('x', 'index', 'number', { group: 'context' })], [], [field('r', 'index', 'number')], [wire('h.x', 'ret.r')]);
    const { services, runs } = host([indexes]);
    const definition = flow([start, card('rep', 'control:times', { inputs: [field('count', 'count', 'number', { value: 3 }), field('flo', 'flo', 'flo', { value: 'worker' }), field('c', 'concurrency', 'number', { value: 1 })] })]);
    const result = await runFlow(definition, manual, engineContext({ services }));
    expect(result.status).toBe('succeeded');
    expect(runs.map((run) => run.outputs)).toEqual([{ index: 0 }, { index: 1 }, { index: 2 }]);
  });

  test("Map to List hands each {key, value} of the object to the helper", async () => {
    const pairs = helper('worker', [field('o', 'Object', 'object')], [card('g', 'object:get', { inputs: [field('go', 'object', 'object'), field('gp', 'path', 'string', { value: 'key' })], outputs: [field('gk', 'output', 'string')] })], [field('r', 'k', 'string')], [wire('h.o', 'g.go'), wire('g.gk', 'ret.r')]);
    const { services } = host([pairs]);
    const definition = flow([
      start,
      card('m', 'object:map', {
        inputs: [field('obj', 'object', 'object', { value: { a: 1, b: 2 } }), field('flo', 'flo', 'flo', { value: 'worker' }), field('c', 'concurrency', 'number', { value: 5 }), proxied('p', 'Object', { dynamic: true, path: '' })],
        outputs: [field('nl', 'new list', 'string', { list: true })],
      }),
    ]);
    const result = await runFlow(definition, manual, engineContext({ services }));
    expect(recordOf(result, 'm').outputs).toEqual({ 'new list': ['a', 'b'] });
  });
});

/** A nested flow (If/ElseIf branch, If Error section) that returns `label` with the outer value `v`. */
function section(prefix: string, label: string, failing = false): FlowGraph {
  return {
    cards: [
      card(`${prefix}h`, 'control:callable', { outputs: [field(`${prefix}v`, 'wormhole1', 'string', { group: 'context' }), field(`${prefix}e`, 'error', 'object', { group: 'context' })] }),
      ...(failing ? [card(`${prefix}fail`, 'json:parse', { inputs: [field(`${prefix}s`, 'string', 'string', { value: '{not json' })] })] : []),
      card(`${prefix}g`, 'object:get', { inputs: [field(`${prefix}go`, 'object', 'object'), field(`${prefix}gp`, 'path', 'string', { value: 'message' })], outputs: [field(`${prefix}gm`, 'output', 'string')] }),
      compose(`${prefix}c`, `${label} {{{v}}} {{{m}}}`, [field(`${prefix}cv`, 'v', 'string'), field(`${prefix}cm`, 'm', 'string')]),
      card(`${prefix}r`, 'control:return', { inputs: [field(`${prefix}ro`, 'result', 'string')] }),
    ],
    wires: [wire(`${prefix}h.${prefix}v`, `${prefix}c.${prefix}cv`), wire(`${prefix}h.${prefix}e`, `${prefix}g.${prefix}go`), wire(`${prefix}g.${prefix}gm`, `${prefix}c.${prefix}cm`), wire(`${prefix}c.${prefix}cOut`, `${prefix}r.${prefix}ro`)],
  };
}

describe('If/ElseIf (control:branch)', () => {
  const branching = (color: string) =>
    flow([
      start,
      card('b', 'control:branch', {
        inputs: [
          field('ia', 'left-operand', 'string', { group: 'if', value: color }),
          field('io', 'operator', 'string', { group: 'if', value: '==' }),
          field('ib', 'right-operand', 'string', { group: 'if', value: 'Red' }),
          field('if', 'flo', 'flo', { group: 'if', flow: section('i', 'red') }),
          field('xa', 'left-operand', 'string', { group: 'X1', value: color }),
          field('xo', 'operator', 'string', { group: 'X1', value: 'in' }),
          field('xb', 'right-operand', 'string', { group: 'X1', value: 'Blue,Green' }),
          field('xf', 'flo', 'flo', { group: 'X1', flow: section('x', 'cool') }),
          field('ef', 'flo', 'flo', { group: 'else', flow: section('e', 'other') }),
          field('wh', 'wormhole1', 'string', { group: 'context', value: color }),
        ],
        outputs: [field('res', 'result', 'string')],
      }),
    ]);

  test.each([
    ['Red', 'red Red '],
    ['Green', 'cool Green '],
    ['Black', 'other Black '],
  ])('%s takes its branch; outer values reach it through context; its Return is the output', async (color, expected) => {
    const result = await runFlow(branching(color), manual, engineContext());
    expect(result.status).toBe('succeeded');
    expect(recordOf(result, 'b').outputs).toEqual({ result: expected });
    expect(recordOf(result, 'b').nested).toHaveLength(1);
  });
});

describe('If Error (control:tryCatch) and its error policy', () => {
  const tryCatch = (failing: boolean, handler: unknown) =>
    flow(
      [
        start,
        card('t', 'control:tryCatch', {
          inputs: [field('try', 'flo', 'flo', { flow: section('t', 'tried', failing) }), field('wh', 'wormhole1', 'string', { group: 'context', value: 'outer' })],
          outputs: [field('res', 'result', 'string')],
          onError: { type: 'handler', flo: handler, merge: 'join' },
        }),
        compose('after', 'then {{{r}}}', [field('r', 'r', 'string')]),
      ],
      [wire('t.res', 'after.r')],
    );

  test('the Try section returns: its Return is the output', async () => {
    const result = await runFlow(tryCatch(false, section('c', 'caught')), manual, engineContext());
    expect(result.cards.at(-1)?.outputs).toEqual({ output: 'then tried outer ' });
  });

  test('a card of the Try section fails: the If Error section runs with context.error, its Return is the output, the flow goes on', async () => {
    const result = await runFlow(tryCatch(true, section('c', 'caught')), manual, engineContext());
    expect(result.status).toBe('succeeded');
    const output = result.cards.at(-1)?.outputs?.output as string;
    expect(output).toMatch(/^then caught outer card 'tfail' \(json:parse, id tfail\) failed: input 'string': the text is not valid JSON/);
    const record = recordOf(result, 't');
    expect(record).toMatchObject({ status: 'succeeded', handledError: expect.stringMatching(/json:parse/) as unknown });
    expect(record.nested?.map((run) => run.status)).toEqual(['failed', 'succeeded']);
    expect(record.nested?.[1].cards[0].outputs?.['context.error']).toMatchObject({ method: 'tfail', execution: 'exec-test.1' });
  });

  test("the If Error section as Okta exports it (raw methods and orderings) is read and run", async () => {
    const oktaSection = {
      id: 'sec',
      uuid: 'sec',
      methods: [
        {
          uuid: 'ok1',
          address: 'root:kernel:control:0.0.1:callable',
          node: { key: 'callable', data: { name: 'Helper Flow' }, model: { inputs: { data: {} }, outputs: { data: { oe: { id: 'oe', group: 'context', key: 'error', value: { type: 'object' } } } } } },
          pins: { oe: { ok2: [{ input: 'og', transform: null }] } },
        },
        {
          uuid: 'ok2',
          address: 'root:kernel:object:0.0.1:get',
          node: { key: 'get', data: { name: 'Get' }, model: { inputs: { data: { og: { id: 'og', key: 'object', value: { type: 'object' } }, op: { id: 'op', key: 'path', value: { type: 'string', data: 'method' } } } }, outputs: { data: { oo: { id: 'oo', key: 'output', value: { type: 'string' } } } } } },
          pins: { oo: { ok3: [{ input: 'or', transform: null }] } },
        },
        {
          uuid: 'ok3',
          address: 'root:kernel:control:0.0.1:return',
          node: { key: 'return', data: { name: 'Return' }, model: { inputs: { data: { or: { id: 'or', key: 'result', value: { type: 'string' } } } }, outputs: { data: {} } } },
          pins: {},
        },
      ],
      orderings: { e1: ['ok1', 'ok2'], e2: ['ok2', 'ok3'] },
    };
    const result = await runFlow(tryCatch(true, oktaSection), manual, engineContext());
    expect(result.cards.at(-1)?.outputs).toEqual({ output: 'then tfail' });
  });

  test('without a handler, or when the If Error section fails too, the flow fails', async () => {
    const noHandler = await runFlow(tryCatch(true, undefined), manual, engineContext());
    expect(noHandler.status).toBe('failed');
    expect(noHandler.error?.cardId).toBe('t');
    const failingHandler = await runFlow(tryCatch(true, section('c', 'caught', true)), manual, engineContext());
    expect(failingHandler.status).toBe('failed');
    expect(failingHandler.error?.message).toMatch(/card 't' \(control:tryCatch, id t\) failed: card 'cfail'/);
  });
});

describe('cut-off while helpers run', () => {
  test('aborting the signal stops a waiting helper and its caller', async () => {
    const waiter = helper('worker', [], [card('w', 'control:wait', { inputs: [field('d', 'delay', 'number', { value: 10 }), field('u', 'unit', 'string', { value: 'second' })] })], [], []);
    const controller = new AbortController();
    const { services } = host([waiter], {
      sleep: () => {
        controller.abort(new Error('the caller went away'));
        return new Promise(() => undefined);
      },
    });
    const definition = flow([start, card('call', 'control:spawn', { inputs: [field('flo', 'flo', 'flo', { value: 'worker' })] })]);
    const run = startFlow(definition, manual, engineContext({ services, signal: controller.signal }));
    const result = await run.done;
    expect(result.status).toBe('failed');
    expect(result.error?.message).toMatch(/the caller went away/);
  });
});
