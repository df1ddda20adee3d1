/**
 * A flow of 50 function cards through `/api/flo/{alias}/invoke`, as a ratio to the demo flow
 * "Registration hook: contractors" (9 cards) invoked the same way in the same run: same server, same
 * request mix (the registration hook request, half jane@atko.email, half bob@example.com), same client
 * token check, both saving all data (every execution recorded with each card's inputs and outputs).
 * The 50 cards are real text, list, number and object cards wired in a chain (see `fiftyCardFlow`).
 * The demo flow is measured before and after the 50-card flow; its figures are the mean.
 * Run alone: `npx tsx bench/fifty-card-flow.bench.ts` (BENCH_DURATION, BENCH_WARMUP in seconds).
 */
import { adminApi } from './lib/admin-api.js';
import { startChild } from './lib/child.js';
import { CONNECTIONS, MEASURE_SECONDS, measureLoad, WARM_UP_SECONDS, type LoadRequest, type LoadResult } from './lib/load.js';
import { CONTRACTOR_EMAIL, OTHER_EMAIL, registrationRequest } from './lib/payloads.js';
import { fixed, ratio, type BenchOutput, type TollgateInfo } from './lib/types.js';
import { FLOW_FORMAT, type Card, type FlowDefinition, type Wire } from '../src/workflows/model/flow.schema.js';

const ROUNDS = 10;

/**
 * API Endpoint → 10 rounds of 5 cards → Return Raw. Each round: Object Get (`name` of the previous
 * round's object; round 1 reads `data.userProfile.email` from the body, parsed on the wire), Text
 * Concatenate (adds a '.'), List Construct (the text and the previous count), Number Add (count + 1),
 * Object Construct ({name, count, items}). Return Raw answers the last object as JSON (stringify wire).
 */
export function fiftyCardFlow(): FlowDefinition {
  const cards: Card[] = [
    { id: 'endpoint', type: 'http:accept', name: 'API Endpoint', outputs: [{ id: 'endpoint_body', key: 'body', type: 'string', group: 'raw' }] },
  ];
  const wires: Wire[] = [];
  const link = (from: string, to: string, convert?: string) => {
    const [fromCard, fromField] = from.split('.');
    const [toCard, toField] = to.split('.');
    wires.push({ from: { card: fromCard, field: fromField }, to: { card: toCard, field: toField }, ...(convert ? { convert } : {}) });
  };
  for (let round = 1; round <= ROUNDS; round++) {
    const id = (step: string) => `r${round}${step}`;
    const previous = (step: string) => `r${round - 1}${step}`;
    cards.push(
      {
        id: id('get'), type: 'object:get', name: 'Get',
        inputs: [{ id: id('get_object'), key: 'object', type: 'object' }, { id: id('get_path'), key: 'path', type: 'string', value: round === 1 ? 'data.userProfile.email' : 'name' }],
        outputs: [{ id: id('get_output'), key: 'output', type: 'string' }],
      },
      {
        id: id('concat'), type: 'string:concat', name: 'Concatenate',
        inputs: [{ id: id('concat_a'), key: 'string1', type: 'string' }, { id: id('concat_b'), key: 'string2', type: 'string', value: '.' }],
        outputs: [{ id: id('concat_output'), key: 'output', type: 'string' }],
      },
      {
        id: id('list'), type: 'list:construct', name: 'Construct',
        inputs: [{ id: id('list_text'), key: 'text', type: 'string', custom: true }, { id: id('list_count'), key: 'count', type: 'number', custom: true, value: 0 }],
        outputs: [{ id: id('list_output'), key: 'list', type: 'object', list: true }],
      },
      {
        id: id('add'), type: 'math:add', name: 'Add',
        inputs: [{ id: id('add_a'), key: 'a', type: 'number', value: 0 }, { id: id('add_b'), key: 'b', type: 'number', value: 1 }],
        outputs: [{ id: id('add_output'), key: 'output', type: 'number' }],
      },
      {
        id: id('object'), type: 'object:construct', name: 'Construct',
        inputs: [
          { id: id('object_name'), key: 'name', type: 'string', custom: true },
          { id: id('object_count'), key: 'count', type: 'number', custom: true },
          { id: id('object_items'), key: 'items', type: 'object', list: true, custom: true },
        ],
        outputs: [{ id: id('object_output'), key: 'output', type: 'object' }],
      },
    );
    if (round === 1) link('endpoint.endpoint_body', `${id('get')}.${id('get_object')}`, 'parse');
    else {
      link(`${previous('object')}.${previous('object_output')}`, `${id('get')}.${id('get_object')}`);
      link(`${previous('add')}.${previous('add_output')}`, `${id('list')}.${id('list_count')}`);
      link(`${previous('add')}.${previous('add_output')}`, `${id('add')}.${id('add_a')}`);
    }
    link(`${id('get')}.${id('get_output')}`, `${id('concat')}.${id('concat_a')}`);
    link(`${id('concat')}.${id('concat_output')}`, `${id('list')}.${id('list_text')}`);
    link(`${id('concat')}.${id('concat_output')}`, `${id('object')}.${id('object_name')}`);
    link(`${id('add')}.${id('add_output')}`, `${id('object')}.${id('object_count')}`);
    link(`${id('list')}.${id('list_output')}`, `${id('object')}.${id('object_items')}`);
  }
  cards.push({
    id: 'answer', type: 'control:returnRaw', name: 'Return Raw',
    inputs: [
      { id: 'answer_status', key: 'statusCode', type: 'number', value: 200 },
      { id: 'answer_headers', key: 'headers', type: 'object', value: {} },
      { id: 'answer_body', key: 'body', type: 'string' },
    ],
  });
  link(`r${ROUNDS}object.r${ROUNDS}object_output`, 'answer.answer_body', 'stringify');
  return { format: FLOW_FORMAT, id: 'fifty-function-cards', name: 'Fifty function cards', securityLevel: 'medium', saveAllData: true, cards, wires };
}

/** What the 50-card flow answers for an address: the address with 10 dots, count 10, the last list. */
function expectedAnswer(email: string): unknown {
  const name = `${email}${'.'.repeat(ROUNDS)}`;
  return { name, count: ROUNDS, items: [name, ROUNDS - 1] };
}

function mix(path: string, clientToken: string): LoadRequest[] {
  const headers = { 'content-type': 'application/json', accept: 'application/json', 'x-api-client-token': clientToken };
  return [CONTRACTOR_EMAIL, OTHER_EMAIL].map((email) => ({ method: 'POST', path, headers, body: registrationRequest(email) }));
}

export async function fiftyCardFlowBench(): Promise<BenchOutput> {
  const tollgate = await startChild<TollgateInfo>('serve-tollgate.ts');
  const { url, token } = tollgate.info;
  let demoBefore: LoadResult;
  let fifty: LoadResult;
  let demoAfter: LoadResult;
  let checked: { cardsPerExecution: number; recordedValues: boolean; executions: number };
  try {
    const created = await adminApi(url, token, 'POST', '/api/workflows/v1/flows?activate=true', fiftyCardFlow());
    const fiftyInvoke = new URL(created.invokeUrl as string);
    const fiftyToken = created.clientToken as string;
    const demoInvoke = new URL(tollgate.info.invokeUrl);
    // Sanity: the 50-card flow answers what its cards compute.
    const answer = await (await fetch(fiftyInvoke, { method: 'POST', headers: mix(fiftyInvoke.pathname, fiftyToken)[0].headers, body: registrationRequest(CONTRACTOR_EMAIL) })).json();
    if (JSON.stringify(answer) !== JSON.stringify(expectedAnswer(CONTRACTOR_EMAIL))) throw new Error(`unexpected answer ${JSON.stringify(answer)}`);

    demoBefore = await measureLoad({ url: demoInvoke.origin, requests: mix(demoInvoke.pathname, tollgate.info.clientToken), serverCpu: tollgate.cpuMicros });
    fifty = await measureLoad({ url: fiftyInvoke.origin, requests: mix(fiftyInvoke.pathname, fiftyToken), serverCpu: tollgate.cpuMicros });
    demoAfter = await measureLoad({ url: demoInvoke.origin, requests: mix(demoInvoke.pathname, tollgate.info.clientToken), serverCpu: tollgate.cpuMicros });

    // Records on: every execution saved its data, with one record per card (event card and Return Raw included).
    const executions = (await adminApi(url, token, 'GET', `/api/workflows/v1/flows/${created.id}/executions?limit=50`)) as Array<{ id: string; dataSaved: boolean; status: string }>;
    const one = await adminApi(url, token, 'GET', `/api/workflows/v1/executions/${executions[0].id}`);
    const cards = (one.cards ?? []) as Array<{ inputs?: unknown; outputs?: unknown }>;
    checked = {
      executions: executions.length,
      cardsPerExecution: cards.length,
      recordedValues: executions.every((execution) => execution.dataSaved && execution.status === 'succeeded') && cards.slice(1).every((card) => card.inputs !== undefined),
    };
  } finally {
    await tollgate.stop();
  }
  const demo = {
    requestsPerSecond: (demoBefore.requestsPerSecond + demoAfter.requestsPerSecond) / 2,
    p50: (demoBefore.p50 + demoAfter.p50) / 2,
    p99: (demoBefore.p99 + demoAfter.p99) / 2,
    cpuPerRequest: ((demoBefore.cpuPerRequest ?? NaN) + (demoAfter.cpuPerRequest ?? NaN)) / 2,
  };
  const rpsRatio = ratio(fifty.requestsPerSecond, demo.requestsPerSecond);
  const p50Ratio = ratio(fifty.p50, demo.p50);
  const p99Ratio = ratio(fifty.p99, demo.p99);
  const cpuRatio = ratio(fifty.cpuPerRequest ?? NaN, demo.cpuPerRequest);
  const perCard = ((fifty.cpuPerRequest ?? NaN) - demo.cpuPerRequest) / (52 - 9);
  const failures = (result: LoadResult) => result.non2xx + result.errors + result.timeouts;
  const row = (label: string, result: LoadResult) =>
    `| ${label} | ${fixed(result.requestsPerSecond, 0)} | ${result.p50} | ${result.p99} | ${fixed(result.cpuPerRequest ?? NaN, 0)} | ${failures(result)} |`;
  const markdown = [
    `Load: autocannon, ${CONNECTIONS} connections, ${WARM_UP_SECONDS} s warm-up, then ${MEASURE_SECONDS} s per row; the registration hook request, alternating jane@atko.email / bob@example.com, with the client token. Tollgate on ${tollgate.info.database}, invoke rate limit off. Both flows save all data (${checked.executions} executions of the 50-card flow checked: ${checked.recordedValues ? `all succeeded with their card data, ${checked.cardsPerExecution} card records each` : '**not all recorded with data**'}).`,
    '',
    '| flow | requests/s | p50 ms | p99 ms | server CPU µs / request | failed requests |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    row('demo flow, 9 cards (before)', demoBefore),
    row('50 function cards (+ API Endpoint, Return Raw)', fifty),
    row('demo flow, 9 cards (after)', demoAfter),
    '',
    `- server CPU per request, 50-card flow ÷ demo flow: **${fixed(cpuRatio)}** (about ${fixed(perCard, 1)} µs per extra card)`,
    `- requests/s, 50-card flow ÷ demo flow: **${fixed(rpsRatio)}**`,
    `- p50 ${fixed(p50Ratio)}×, p99 ${fixed(p99Ratio)}× the demo flow's`,
  ].join('\n');
  return { benchmark: 'fifty-card-flow', markdown, cpuRatio, rpsRatio, p50Ratio, p99Ratio, demo, fifty, checked };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const output = await fiftyCardFlowBench();
  process.stdout.write(JSON.stringify(output) + '\n');
}
