import { CardError, type NestedFlowReader } from './card.js';
import type { Card, ErrorPolicy, FlowGraph } from '../model/flow.schema.js';

/*
 * A card's error policy, as Okta's export writes it (`node.model.policy.error`):
 *   {"type":"finish"}                                   stop the flow (Okta's "Halt Flow", the default)
 *   {"type":"finish","retry":3,"delay":120000}          retry 3 times, 2 minutes apart, then stop
 *   {"type":"flo","flo":"<flow id>","delay":[60000,180000],"retry":0,"retryCondition":"ratelimits"}
 *                                                       stop, but first run that helper flow with the error
 *   {"type":"return", ...}                              stop, handing the card's output values to the caller
 *   {"type":"handler","flo":{…nested flow…},"merge":"join"}
 *                                                       If Error: run the nested "If Error" section instead
 *                                                       of failing; its Return gives the card's outputs
 */

export type PolicyAction = 'finish' | 'flo' | 'return' | 'handler';

/** Okta does not retry these answers: asking again gives the same result (its "exceptions" list). */
const NOT_RETRIED_STATUSES = new Set([400, 401, 402, 403, 404, 405, 406, 407, 409, 410, 411, 412, 413, 414, 415, 416, 417, 421, 422, 423, 424, 426, 428, 431, 451, 501, 505, 506, 510, 511]);

export function policyAction(policy: ErrorPolicy | undefined): PolicyAction {
  switch (policy?.type) {
    case 'flo':
    case 'return':
    case 'handler':
      return policy.type;
    default:
      return 'finish';
  }
}

/** How many more times the card may run after a failure (Okta's menu offers 0 to 10). */
export function retriesOf(policy: ErrorPolicy | undefined): number {
  const retry = policy?.retry;
  return typeof retry === 'number' && Number.isInteger(retry) && retry > 0 ? Math.min(retry, 10) : 0;
}

/** The wait before a retry: fixed, or drawn from a `[min, max]` range. */
export function retryDelay(policy: ErrorPolicy | undefined, random: () => number): number {
  const delay = policy?.delay;
  if (typeof delay === 'number' && delay >= 0) return delay;
  if (Array.isArray(delay) && delay.length === 2 && delay.every((value) => typeof value === 'number' && value >= 0)) {
    const [low, high] = delay[0] <= delay[1] ? delay : [delay[1], delay[0]];
    return Math.round(low + (high - low) * random());
  }
  return 0;
}

/**
 * Whether a failure may be retried: never a Return Error; with `retryCondition: "ratelimits"` only an
 * HTTP 429; otherwise anything but the answers Okta never retries.
 */
export function isRetryable(error: unknown, policy: ErrorPolicy | undefined): boolean {
  if (!(error instanceof CardError)) return policy?.retryCondition !== 'ratelimits';
  if (error.options.returnedError) return false;
  const status = error.options.httpStatus;
  if (policy?.retryCondition === 'ratelimits') return status === 429;
  return status === undefined || !NOT_RETRIED_STATUSES.has(status);
}

const handlerGraphs = new WeakMap<Card, FlowGraph | string | null>();

/**
 * The helper flow an error policy names (`flo`): another flow's id, or a flow nested in the policy,
 * as Okta exports it (read with the `.flopack` reader the host hands in, cached per card) or as a
 * Tollgate graph (`{cards, wires}`, for flows authored here). Null when there is none.
 */
export function policyFlow(card: Card, readNestedFlow: NestedFlowReader): FlowGraph | string | null {
  const cached = handlerGraphs.get(card);
  if (cached !== undefined) return cached;
  const flo = card.onError?.flo;
  let graph: FlowGraph | string | null = null;
  if (typeof flo === 'string' && flo !== '') graph = flo;
  else if (isTollgateGraph(flo)) graph = flo;
  else if (flo !== null && typeof flo === 'object' && Array.isArray((flo as { methods?: unknown }).methods)) {
    graph = readNestedFlow(flo, `${card.id}.policy.error.flo`);
  }
  handlerGraphs.set(card, graph);
  return graph;
}

function isTollgateGraph(value: unknown): value is FlowGraph {
  if (value === null || typeof value !== 'object') return false;
  const candidate = value as { cards?: unknown; wires?: unknown };
  return Array.isArray(candidate.cards) && Array.isArray(candidate.wires);
}
