import { CardError, type CardRunContext, type FlowRef, type HelperCall, type InputValue } from '../../engine/card.js';
import type { ExecutionResult } from '../../engine/types.js';
import { failureOfHelper, helperOutputs } from '../../engine/helper-results.js';
import { getPath, splitPath } from '../../engine/values/paths.js';
import { baseType, isPlainObject, textOf } from '../../engine/values/types.js';
import type { Field } from '../../model/flow.schema.js';
import { setOwn } from '../../model/own-keys.js';

/*
 * What the cards that run helper flows share (Call Flow, the iterators, Repeat, If Error, If/ElseIf):
 * which flow a `flo` field names, what each call hands the helper, how many calls run at once, and
 * what the helper's Return gives back.
 */

/** The helper flow of a `flo` input: the flow nested in it, or another flow's id. */
export function flowRefOf(ctx: Pick<CardRunContext, 'inputs'>, key = 'flo', group?: string): FlowRef {
  const input = ctx.inputs.find(({ field }) => field.key === key && field.type === 'flo' && (group === undefined || field.group === group));
  if (input?.field.flow) return { graph: input.field.flow };
  const id = input?.value;
  if (typeof id === 'string' && id.trim() !== '') return { flowId: id };
  throw new CardError('no helper flow is chosen for this card');
}

/** Okta's `value.proxy` on an iterator's extra input: the item (or a path in it), or a fixed value. */
interface Proxy {
  dynamic: boolean;
  path: string | null;
  destKey: string;
}

function proxyOf(field: Field): Proxy | undefined {
  const value = field.okta?.value;
  if (!isPlainObject(value) || !isPlainObject(value.proxy)) return undefined;
  const { dynamic, path, dest } = value.proxy;
  const destKey = isPlainObject(dest) && typeof dest.key === 'string' ? dest.key : field.key;
  return { dynamic: dynamic === true, path: typeof path === 'string' ? path : null, destKey };
}

/**
 * The helper flow's inputs for one item. Each extra input of the card goes to the helper input its
 * proxy names: the item itself (`path` ""), a path in the item, or the input's own value, the same
 * for every item. Inputs without a proxy go by their key. When no input takes the item, an object
 * item's own keys become inputs (Okta's event cards hand their events this way).
 */
export function helperInputs(inputs: readonly InputValue[], item: unknown, cardKeys: readonly string[]): Record<string, unknown> {
  const extra = inputs.filter(({ field }) => field.group === undefined && !cardKeys.includes(field.key));
  const proxies = extra.map(({ field }) => proxyOf(field));
  const values: Record<string, unknown> = {};
  if (!proxies.some((proxy) => proxy?.dynamic) && isPlainObject(item)) for (const [key, value] of Object.entries(item)) setOwn(values, key, value);
  extra.forEach(({ field, value }, index) => {
    const proxy = proxies[index];
    if (proxy?.dynamic) setOwn(values, proxy.destKey, itemAt(item, proxy.path ?? ''));
    else setOwn(values, proxy?.destKey ?? field.key, value);
  });
  return values;
}

/** A path in an item: Okta writes plain keys (which may hold dots or spaces) or dotted paths. */
function itemAt(item: unknown, path: string): unknown {
  if (path === '') return item ?? null;
  if (isPlainObject(item) && Object.hasOwn(item, path)) return item[path];
  return splitPath(path).length > 1 ? getPath(item, path) : null;
}

/** The helper input a card input goes to (its proxy's destination, else its own key). */
export function helperKeyOf(field: Field): string {
  return proxyOf(field)?.destKey ?? field.key;
}

/** The values of the card's inputs that are not its own fields, passed on unchanged (Call Flow). */
export function passedInputs(inputs: readonly InputValue[], cardKeys: readonly string[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const { field, value } of inputs) if (field.group === undefined && !cardKeys.includes(field.key)) setOwn(values, field.key, value);
  return values;
}

/** How many helper calls run at once: `concurrency`, 1 to 200 (Okta's card metadata), default 1. */
export function concurrencyOf(ctx: Pick<CardRunContext, 'input'>): number {
  const value = Number(ctx.input('concurrency'));
  if (!Number.isFinite(value) || value < 1) return 1;
  return Math.min(200, Math.floor(value));
}

/** The list an iterator works on: a list as it is, nothing as an empty list, anything else fails. */
export function listInput(ctx: Pick<CardRunContext, 'input'>, key = 'list'): unknown[] {
  const value = ctx.input(key);
  if (value === null) return [];
  if (Array.isArray(value)) return value;
  throw new CardError(`input '${key}' must be a list, not ${describeValue(value)}`);
}

export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `${typeof value === 'string' ? 'text' : typeof value} '${textOf(value)}'`;
}

/**
 * Runs `work` for every item, at most `limit` at a time, keeping the items' order in the results.
 * With `stopOnError`, the first failure stops new items from starting and is thrown once the items
 * already running have finished; otherwise failures are returned in place.
 */
export async function forEachLimited<T>(
  count: number,
  limit: number,
  work: (index: number) => Promise<T>,
  stopOnError: boolean,
): Promise<Array<{ ok: true; value: T } | { ok: false; error: unknown }>> {
  const results: Array<{ ok: true; value: T } | { ok: false; error: unknown }> = new Array(count);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (next < count && !(stopOnError && failure)) {
      const index = next++;
      try {
        results[index] = { ok: true, value: await work(index) };
      } catch (error) {
        results[index] = { ok: false, error };
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  if (stopOnError && failure) throw failure.error;
  return results;
}

/** Runs the helper and fails the card if the helper failed (the helper's error, named). */
export async function runHelperOrFail(ctx: Pick<CardRunContext, 'flows'>, flow: FlowRef, call: HelperCall): Promise<ExecutionResult> {
  const result = await ctx.flows.run(flow, call);
  if (result.status === 'failed' && !result.outputs) throw failureOfHelper(result);
  return result;
}

/** The helper's Return fields, by key (Return Raw's answer as `statusCode`, `headers`, `body`). */
export { helperOutputs };

/**
 * One value from a helper's Return, for an output of the given type: an object output takes all
 * the Return's fields as an object, anything else the first field's value (Okta: "if the value is
 * not an object, a single Return field of that type; its name does not matter").
 */
export function returnedValue(result: ExecutionResult, field: Pick<Field, 'type'> | undefined): unknown {
  const outputs = helperOutputs(result);
  const keys = Object.keys(outputs);
  if (field && baseType(field.type) === 'object') return keys.length === 0 && result.ending !== 'returned' ? null : outputs;
  return keys.length > 0 ? outputs[keys[0]] : null;
}

/** The card's `context` inputs (outer values for nested flows), by key. */
export function contextValues(inputs: readonly InputValue[]): Record<string, unknown> {
  const context: Record<string, unknown> = {};
  for (const { field, value } of inputs) if (field.group === 'context') setOwn(context, field.key, value);
  return context;
}

/** The helper's Return fields given to the card's outputs with the same key. */
export function outputsFromHelper(outputFields: readonly Field[], result: ExecutionResult): Record<string, unknown> {
  const returned = helperOutputs(result);
  const outputs: Record<string, unknown> = {};
  for (const field of outputFields) if (Object.hasOwn(returned, field.key)) outputs[field.id] = returned[field.key];
  return outputs;
}
