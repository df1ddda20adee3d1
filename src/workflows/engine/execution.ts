import { CardError, type CardDeclaration, type CardOutcome, type CardRegistry, type CardRunContext, type FlowCalls, type FlowEnd, type FlowRef, type HelperCall, type InputValue } from './card.js';
import type { Card, Field, Wire } from '../model/flow.schema.js';
import { setOwn } from '../model/own-keys.js';
import { describeCard } from '../model/walk.js';
import { isRetryable, policyAction, policyFlow, retriesOf, retryDelay } from './error-policy.js';
import { failureOfHelper, helperOutputs } from './helper-results.js';
import { CutOffController, cutOffOfSignal, type CutOff } from './cut-off.js';
import { missingCardError } from './placeholder.js';
import { prepareFlow, wireTargetKey, type PreparedFlow } from './prepare.js';
import { valuesByLabel } from './records.js';
import type { CallTrigger, CardRecord, EngineContext, EngineServices, ExecutionError, ExecutionResult, FlowEnding, FlowReply, FlowTrigger, HttpAnswer } from './types.js';
import { coerceToField } from './values/coerce.js';
import { applyConversion, ConversionError } from './values/convert.js';

/** Thrown inside the run to stop it; carries what the result should say. */
class ExecutionStop extends Error {
  constructor(
    readonly error: ExecutionError,
    /** Error policy `return`: the values handed to the caller although the flow failed. */
    readonly outputs?: Record<string, unknown>,
  ) {
    super(error.message);
  }
}

const NEVER_ABORTED = new AbortController().signal;
const NEVER_CUT_OFF: CutOff = cutOffOfSignal(NEVER_ABORTED);
/** The cut-off promise of an execution without a signal, or of one that has ended: never settles. */
const NEVER = new Promise<never>(() => undefined);

/** A helper flow calling helper flows without end is stopped this deep. */
export const MAX_CALL_DEPTH = 32;

/** Waits `ms`, or rejects as soon as the signal fires. */
function timerSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('aborted'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** One run of one flow: its values, records and answer. Created by `startFlow`. */
export class Execution {
  private readonly outputValues = new Map<string, Map<string, unknown>>();
  /** When each card last ran (a counter), to pick the wire whose source ran last. */
  private readonly ranAt = new Map<string, number>();
  private runCounter = 0;
  private childCounter = 0;
  private readonly records: CardRecord[] = [];
  private answer?: HttpAnswer;
  private answeredBy?: string;
  private readonly cut: CutOff;
  /** Rejects when the execution is cut off; made when first awaited (most cards finish synchronously). */
  private cutOffPromise?: Promise<never>;
  private ended = false;

  constructor(
    private readonly flow: PreparedFlow,
    readonly trigger: FlowTrigger,
    readonly ctx: EngineContext,
    private readonly registry: CardRegistry,
    private readonly onReply: (reply: FlowReply) => void,
    /** For a flow nested in a card of another execution: that execution and card. */
    private readonly parentLink?: { executionId: string; cardId: string },
  ) {
    this.cut = ctx.signal === undefined ? NEVER_CUT_OFF : ctx.signal instanceof CutOffController ? ctx.signal : cutOffOfSignal(ctx.signal);
  }

  /** The signal cards and services get (made on first use when the host passed a CutOffController). */
  get signal(): AbortSignal {
    return this.cut.signal;
  }

  private get cutOff(): Promise<never> {
    if (!this.cutOffPromise) {
      if (this.ctx.signal === undefined || this.ended) return NEVER; // never cut off
      this.cutOffPromise = new Promise<never>((_, reject) => {
        const abort = () => reject(new ExecutionStop({ message: `the execution was cut off (${abortReason(this.cut.reason)})`, reason: 'cut-off' }));
        if (this.cut.aborted) abort();
        else this.stopListening = this.cut.onAbort(abort);
      });
      this.cutOffPromise.catch(() => undefined); // observed through Promise.race only
    }
    return this.cutOffPromise;
  }

  /** Removes the abort listener once the execution is over (a signal may outlive many executions). */
  private stopListening(): void {}

  async run(): Promise<ExecutionResult> {
    const started = this.ctx.clock();
    let ending: FlowEnding | undefined;
    let end: FlowEnd | undefined;
    let error: ExecutionError | undefined;
    let policyOutputs: Record<string, unknown> | undefined;
    try {
      this.checkStartCard();
      end = await this.runSequence(this.flow.graph.cards);
      ending = end === undefined ? 'completed' : end.kind === 'halt' ? 'halted' : 'returned';
    } catch (caught) {
      error = caught instanceof ExecutionStop ? caught.error : { message: `the engine failed: ${(caught as Error).message}`, reason: 'flow' };
      if (caught instanceof ExecutionStop && caught.outputs) {
        policyOutputs = caught.outputs;
        ending = 'returned';
      }
    } finally {
      this.ended = true;
      this.stopListening();
    }
    const finished = this.ctx.clock();
    const result: ExecutionResult = {
      executionId: this.ctx.executionId,
      flowId: this.flow.flowId,
      flowName: this.flow.flowName,
      status: error ? 'failed' : 'succeeded',
      ending,
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      durationMs: finished.getTime() - started.getTime(),
      answer: this.answer,
      answeredBy: this.answeredBy,
      outputs: end?.kind === 'return' ? end.outputs : policyOutputs,
      haltMessage: end?.kind === 'halt' ? end.message : undefined,
      error,
      cards: this.records,
      parent: this.parentLink,
    };
    if (!this.answer) this.onReply({ kind: 'finished', result });
    return result;
  }

  /** The first answer wins; later Close or Return Raw cards still run but cannot answer twice. */
  giveAnswer(answer: HttpAnswer, cardId: string): void {
    if (this.answer) return;
    this.answer = answer;
    this.answeredBy = cardId;
    this.ctx.onAnswer?.(answer);
    this.onReply({ kind: 'answer', answer, cardId });
  }

  private checkStartCard(): void {
    const depth = this.trigger.kind === 'call' ? (this.trigger.depth ?? 0) : 0;
    if (depth > MAX_CALL_DEPTH) {
      const flow = this.flow.flowName ? `'${this.flow.flowName}' ` : '';
      throw new ExecutionStop({
        message: `helper flows are nested ${depth} calls deep, more than the ${MAX_CALL_DEPTH} allowed: the flow ${flow}calls itself (or a loop of flows) without end`,
        reason: 'flow', callDepth: depth,
      });
    }
    const first = this.flow.graph.cards[0];
    if (!first) return;
    const declaration = this.registry.get(first.type);
    if (declaration?.kind === 'event' && declaration.triggers && !declaration.triggers.includes(this.trigger.kind)) {
      throw new ExecutionStop({
        message: `the flow starts with ${describeCard(first)}, which a ${this.trigger.kind} trigger cannot start`,
        reason: 'flow',
        cardId: first.id,
        cardName: first.name,
        cardType: first.type,
      });
    }
  }

  /**
   * Runs cards in order; returns how the flow ended early (Return, Continue If), if it did. Synchronous while
   * the cards are (most are): a promise only from the first card that answered with one, so a flow of
   * synchronous cards costs no promise and no microtask per card.
   */
  private runSequence(cards: readonly Card[], from = 0): MaybePromise<FlowEnd | undefined> {
    for (let index = from; index < cards.length; index++) {
      const card = cards[index];
      if (this.cut.aborted)
        throw new ExecutionStop({ message: `the execution was cut off (${abortReason(this.cut.reason)}) before card ${describeCard(card)}`, reason: 'cut-off', cardId: card.id, cardName: card.name, cardType: card.type });
      const declaration = this.registry.get(card.type);
      if (declaration?.kind === 'note') continue;
      const outcome = this.runCard(card, declaration);
      if (isThenable(outcome)) return outcome.then((settled) => this.afterCard(cards, index, card, settled));
      if (outcome.end || outcome.branch !== undefined) return this.afterCard(cards, index, card, outcome);
    }
    return undefined;
  }

  /** After a card ended the flow or chose a branch: the end, or the branch and then the cards after the card. */
  private afterCard(cards: readonly Card[], index: number, card: Card, outcome: CardOutcome): MaybePromise<FlowEnd | undefined> {
    if (outcome.end) {
      this.finishWith(outcome.end, card);
      return outcome.end;
    }
    const branch = outcome.branch === undefined ? undefined : card.branches?.find((candidate) => candidate.when === outcome.branch);
    const branchEnd = branch ? this.runSequence(branch.cards) : undefined;
    if (isThenable(branchEnd)) return branchEnd.then((end) => end ?? this.runSequence(cards, index + 1));
    return branchEnd ?? this.runSequence(cards, index + 1);
  }

  private finishWith(end: FlowEnd, card: Card): void {
    if (end.kind !== 'return') return;
    if (end.answer) this.giveAnswer(end.answer, card.id);
    // Okta: Return in an API Endpoint flow answers 200 with its fields as a JSON object.
    else if (this.trigger.kind === 'http') this.giveAnswer({ statusCode: 200, headers: {}, body: end.outputs ?? {} }, card.id);
  }

  /**
   * Runs one card under its error policy: retries (after the policy's delay) while the failure is
   * retryable, then stops the flow, runs the policy's helper flow, hands values back (`return`) or
   * runs the If Error section (`handler`). A card that succeeds synchronously is finished here, without a
   * promise; anything else (a pending card, a failure) goes on in `settleCard`.
   */
  private runCard(card: Card, declaration: CardDeclaration | undefined): MaybePromise<CardOutcome> {
    const started = this.ctx.clock();
    const record: CardRecord = { cardId: card.id, cardType: card.type, cardName: card.name, status: 'succeeded', startedAt: started.toISOString(), durationMs: 0 };
    this.records.push(record);
    let first: PromiseLike<CardOutcome>;
    try {
      const ran = this.startCard(card, declaration, record);
      if (!isThenable(ran)) {
        this.keepOutputs(card, ran.outputs ?? {}, record);
        record.durationMs = this.ctx.clock().getTime() - started.getTime();
        return ran;
      }
      first = ran;
    } catch (caught) {
      return this.settleCard(card, declaration, record, started, { failed: caught });
    }
    return this.settleCard(card, declaration, record, started, { pending: first });
  }

  /** One attempt: the card's inputs read (and recorded), then its `run`. */
  private startCard(card: Card, declaration: CardDeclaration | undefined, record: CardRecord): MaybePromise<CardOutcome> {
    if (!declaration) throw missingCardError(card);
    const inputs = this.readInputs(card);
    if (this.ctx.recordValues !== false && declaration.kind !== 'event') record.inputs = valuesByLabel(card.inputs ?? [], (_field, index) => inputs[index].value);
    return declaration.run(new CardContext(this, card, inputs, record));
  }

  /** The rest of a card's run after its first attempt was pending or failed: the cut-off race, retries, the policy. */
  private async settleCard(
    card: Card,
    declaration: CardDeclaration | undefined,
    record: CardRecord,
    started: Date,
    first: { pending: PromiseLike<CardOutcome> } | { failed: unknown },
  ): Promise<CardOutcome> {
    const retries = retriesOf(card.onError);
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          if (attempt === 0 && 'failed' in first) throw first.failed;
          const ran = attempt === 0 && 'pending' in first ? first.pending : this.startCard(card, declaration, record);
          // A card that finished synchronously cannot have been cut off (the cut-off is a timer); only a
          // pending card races the cut-off.
          const outcome = isThenable(ran) ? await Promise.race([ran, this.cutOff]) : ran;
          this.keepOutputs(card, outcome.outputs ?? {}, record);
          return outcome;
        } catch (caught) {
          if (caught instanceof ExecutionStop) throw caught; // cut off, or a stop from inside: no policy applies
          if (attempt < retries && isRetryable(caught, card.onError)) {
            record.attempts = attempt + 2;
            await this.sleep(retryDelay(card.onError, () => this.random()));
            continue;
          }
          return await this.afterFailure(card, caught, record);
        }
      }
    } catch (caught) {
      record.status = 'failed';
      // A cut-off names no card yet, and the error policy itself may fail (an unreadable If Error
      // section, an error flow the host cannot run): either way, say which card stopped the flow.
      const stop =
        caught instanceof ExecutionStop ? (caught.error.cardId ? caught : new ExecutionStop(this.cardFailure(card, caught), caught.outputs)) : new ExecutionStop(this.cardFailure(card, caught));
      record.error ??= stop.error.message;
      throw stop;
    } finally {
      record.durationMs = this.ctx.clock().getTime() - started.getTime();
    }
  }

  /** What the card's error policy does once the card has failed for good. Throws to stop the flow. */
  private async afterFailure(card: Card, caught: unknown, record: CardRecord): Promise<CardOutcome> {
    const error = this.cardFailure(card, caught);
    record.error = error.message;
    const action = policyAction(card.onError);
    const errorObject = this.errorObject(card, caught);
    if (action === 'handler') {
      const handler = policyFlow(card, this.ctx.readNestedFlow);
      if (handler !== null) {
        const result = await this.runHelper(card, record, typeof handler === 'string' ? { flowId: handler } : { graph: handler }, {
          inputs: {},
          context: contextInputs(card, this.readInputsQuietly(card)),
          error: errorObject,
        });
        if (result.status === 'failed' && !result.outputs) throw new ExecutionStop(this.cardFailure(card, failureOfHelper(result)));
        record.status = 'succeeded';
        record.handledError = error.message;
        delete record.error;
        const outputs: Record<string, unknown> = {};
        const returned = helperOutputs(result);
        for (const field of card.outputs ?? []) if (Object.hasOwn(returned, field.key)) outputs[field.id] = returned[field.key];
        this.keepOutputs(card, outputs, record);
        return { outputs };
      }
    }
    if (action === 'flo') {
      const flow = policyFlow(card, this.ctx.readNestedFlow);
      if (flow !== null) {
        try {
          await this.runHelper(card, record, typeof flow === 'string' ? { flowId: flow } : { graph: flow }, { inputs: {}, error: errorObject });
        } catch (helperError) {
          error.message = `${error.message} (and its error flow could not run: ${(helperError as Error).message})`;
        }
      }
    }
    if (action === 'return') {
      const values: Record<string, unknown> = {};
      for (const field of card.outputs ?? []) setOwn(values, field.key, field.value ?? null);
      throw new ExecutionStop(error, values);
    }
    throw new ExecutionStop(error);
  }

  /** Okta's `context.error` of a helper flow started for an error: `message`, `method`, `flo`, `execution`. */
  private errorObject(card: Card, caught: unknown): Record<string, unknown> {
    const inner = caught instanceof CardError ? caught.options.inner : undefined;
    const message = caught instanceof Error ? caught.message : String(caught);
    return {
      message,
      method: inner?.cardName ?? card.name ?? card.type,
      flo: this.flow.flowId ?? null,
      execution: inner?.executionId ?? this.ctx.executionId,
    };
  }

  private cardFailure(card: Card, caught: unknown): ExecutionError {
    const where = { cardId: card.id, cardName: card.name, cardType: card.type };
    if (caught instanceof ExecutionStop) return { ...caught.error, ...where, message: `${caught.error.message} while running card ${describeCard(card)}` };
    // Too deep a nesting is reported once, as the innermost run said it, by every caller up the chain.
    if (caught instanceof CardError && caught.options.callDepth !== undefined) return { message: caught.message, reason: 'flow', callDepth: caught.options.callDepth, ...where };
    if (caught instanceof CardError && caught.options.returnedError)
      return { message: caught.message, reason: 'returned-error', statusCode: caught.options.statusCode, details: caught.options.details, ...where };
    const message = caught instanceof Error ? caught.message : String(caught);
    return { message: `card ${describeCard(card)} failed: ${message}`, reason: 'card', ...where };
  }

  /** Each input's value: from the wire whose source ran last, else the literal; converted, then coerced. */
  private readInputs(card: Card): InputValue[] {
    const wires = this.wiresOf(card);
    return (card.inputs ?? []).map((field, index) => ({ field, value: coerceToField(this.wiredValue(field, wires[index]), field) }));
  }

  /** The inputs for an error handler, where a failing conversion must not hide the first error. */
  private readInputsQuietly(card: Card): InputValue[] {
    const wires = this.wiresOf(card);
    return (card.inputs ?? []).map((field, index) => {
      try {
        return { field, value: coerceToField(this.wiredValue(field, wires[index]), field) };
      } catch {
        return { field, value: null };
      }
    });
  }

  /** The wires into each of the card's inputs (prepared once per flow; looked up for a card it did not index). */
  private wiresOf(card: Card): ReadonlyArray<readonly Wire[] | undefined> {
    return this.flow.inputWires.get(card) ?? (card.inputs ?? []).map((field) => this.flow.wiresTo.get(wireTargetKey(card.id, field.id)));
  }

  private wiredValue(field: Field, wires: readonly Wire[] | undefined): unknown {
    if (!wires) return field.value ?? null;
    let chosen: (typeof wires)[number] | undefined;
    let chosenAt = -1;
    for (const wire of wires) {
      const at = this.ranAt.get(wire.from.card);
      if (at !== undefined && at > chosenAt) [chosen, chosenAt] = [wire, at];
    }
    // Wired from cards that did not run (a branch not taken): the input gets nothing.
    if (!chosen) return null;
    const raw = this.outputValues.get(chosen.from.card)?.get(chosen.from.field) ?? null;
    try {
      return applyConversion(raw, chosen.convert, chosen.forceWrapArray);
    } catch (error) {
      if (error instanceof ConversionError) throw new CardError(`input '${field.key}' (${chosen.convert ?? 'no'} conversion): ${error.message}`);
      throw error;
    }
  }

  /** Stores the card's outputs (coerced to their declared types) for later wires and records them. */
  private keepOutputs(card: Card, produced: Record<string, unknown>, record: CardRecord): void {
    const values = new Map<string, unknown>();
    for (const field of card.outputs ?? []) values.set(field.id, coerceToField(produced[field.id], field));
    this.outputValues.set(card.id, values);
    this.ranAt.set(card.id, ++this.runCounter);
    if (this.ctx.recordValues !== false) record.outputs = valuesByLabel(card.outputs ?? [], (field) => values.get(field.id));
  }

  random(): number {
    return (this.ctx.random ?? Math.random)();
  }

  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    const waiting = (this.ctx.sleep ?? timerSleep)(ms, this.signal);
    // A cut-off ends the wait with the execution's own cut-off error.
    return Promise.race([waiting, this.cutOff]);
  }

  /**
   * Runs a helper flow for a card: a flow nested in the card (run here, recorded under the card) or
   * another flow by id (run by the host through `services.callFlow`). Linked to this execution.
   */
  async runHelper(card: Card, record: CardRecord, flow: FlowRef, call: HelperCall): Promise<ExecutionResult> {
    const trigger: CallTrigger = {
      kind: 'call',
      inputs: call.inputs,
      parent: {
        id: this.flow.flowId ?? null,
        method: card.id,
        name: this.flow.flowName ?? null,
        execution_id: this.ctx.executionId,
      },
      index: call.index,
      context: call.context,
      error: call.error,
      depth: (this.trigger.kind === 'call' ? (this.trigger.depth ?? 0) : 0) + 1,
    };
    const link = { executionId: this.ctx.executionId, cardId: card.id };
    if ('flowId' in flow) {
      const callFlow = this.ctx.services?.callFlow;
      if (!callFlow) throw new CardError(`calling flow '${flow.flowId}' needs the host's flows (services.callFlow), which this run does not have`);
      const result = await callFlow(flow.flowId, trigger, link, this.signal);
      (record.calls ??= []).push({ flowId: flow.flowId, executionId: result.executionId, status: result.status, index: call.index });
      return result;
    }
    const childContext: EngineContext = {
      executionId: this.ctx.newExecutionId?.() ?? `${this.ctx.executionId}.${++this.childCounter}`,
      clock: this.ctx.clock,
      signal: this.ctx.signal,
      cards: this.registry,
      readNestedFlow: this.ctx.readNestedFlow,
      recordValues: this.ctx.recordValues,
      services: this.ctx.services,
      sleep: this.ctx.sleep,
      random: this.ctx.random,
      newExecutionId: this.ctx.newExecutionId,
    };
    const child = new Execution(prepareFlow(flow.graph), trigger, childContext, this.registry, () => undefined, link);
    const result = await child.run();
    (record.nested ??= []).push(result);
    return result;
  }
}

/**
 * What a card's `run` gets. A class rather than an object of closures: one is made per card run, and
 * under tsx (`npm start`) every named closure also costs a `defineProperty` for its name.
 */
class CardContext implements CardRunContext {
  readonly outputFields: readonly Field[];
  readonly trigger: FlowTrigger;
  readonly executionId: string;
  readonly now: () => Date;
  readonly services: EngineServices;

  constructor(
    private readonly execution: Execution,
    readonly card: Card,
    readonly inputs: InputValue[],
    private readonly record: CardRecord,
  ) {
    this.outputFields = card.outputs ?? [];
    this.trigger = execution.trigger;
    this.executionId = execution.ctx.executionId;
    this.now = execution.ctx.clock;
    this.services = execution.ctx.services ?? {};
  }

  get signal(): AbortSignal {
    return this.execution.signal;
  }

  input(key: string, group?: string): unknown {
    return this.inputs.find((input) => input.field.key === key && (group === undefined || input.field.group === group))?.value ?? null;
  }

  answer(answer: HttpAnswer): void {
    this.execution.giveAnswer(answer, this.card.id);
  }

  get flows(): FlowCalls {
    const { execution, card, record } = this;
    return {
      run(flow, call) {
        return execution.runHelper(card, record, flow, call);
      },
      start(flow, call) {
        if ('flowId' in flow) (record.calls ??= []).push({ flowId: flow.flowId, status: 'started', index: call.index });
        const started = execution.runHelper(card, { ...record, calls: [] }, flow, call);
        started.catch(() => undefined); // Call Flow Async: the caller does not wait, nor fail with it
      },
    };
  }

  sleep(ms: number): Promise<void> {
    return this.execution.sleep(ms);
  }

  random(): number {
    return this.execution.random();
  }
}

type MaybePromise<T> = T | PromiseLike<T>;

function isThenable<T>(value: MaybePromise<T>): value is PromiseLike<T> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

/** The card's `context` inputs (values for its nested flows), by key. */
function contextInputs(card: Card, inputs: readonly InputValue[]): Record<string, unknown> {
  const context: Record<string, unknown> = {};
  for (const { field, value } of inputs) if (field.group === 'context') setOwn(context, field.key, value);
  return context;
}

function abortReason(reason: unknown): string {
  if (reason instanceof Error) return reason.message;
  return typeof reason === 'string' ? reason : 'aborted';
}
