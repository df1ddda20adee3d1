import { CardError, type CardDeclaration, type CardOutcome, type CardRegistry, type FlowEnd, type InputValue } from '../cards/card.js';
import type { Card, Field } from '../model/flow.schema.js';
import { describeCard } from '../model/walk.js';
import { wireTargetKey, type PreparedFlow } from './prepare.js';
import { valuesByLabel } from './records.js';
import type { CardRecord, EngineContext, ExecutionError, ExecutionResult, FlowEnding, FlowReply, FlowTrigger, HttpAnswer } from './types.js';
import { coerceToField } from './values/coerce.js';
import { applyConversion, ConversionError } from './values/convert.js';

/** Thrown inside the run to stop it; carries what the result should say. */
class ExecutionStop extends Error {
  constructor(readonly error: ExecutionError) {
    super(error.message);
  }
}

const NEVER_ABORTED = new AbortController().signal;

/** One run of one flow: its values, records and answer. Created by `startFlow`. */
export class Execution {
  private readonly outputValues = new Map<string, Map<string, unknown>>();
  /** When each card last ran (a counter), to pick the wire whose source ran last. */
  private readonly ranAt = new Map<string, number>();
  private runCounter = 0;
  private readonly records: CardRecord[] = [];
  private answer?: HttpAnswer;
  private answeredBy?: string;
  private readonly signal: AbortSignal;
  private readonly cutOff: Promise<never>;

  constructor(
    private readonly flow: PreparedFlow,
    private readonly trigger: FlowTrigger,
    private readonly ctx: EngineContext,
    private readonly registry: CardRegistry,
    private readonly onReply: (reply: FlowReply) => void,
  ) {
    this.signal = ctx.signal ?? NEVER_ABORTED;
    this.cutOff = new Promise<never>((_, reject) => {
      if (!ctx.signal) return; // never cut off
      const abort = () => reject(new ExecutionStop({ message: `the execution was cut off (${abortReason(this.signal)})`, reason: 'cut-off' }));
      if (this.signal.aborted) abort();
      else {
        this.signal.addEventListener('abort', abort, { once: true });
        this.stopListening = () => this.signal.removeEventListener('abort', abort);
      }
    });
    this.cutOff.catch(() => undefined); // observed through Promise.race only
  }

  /** Removes the abort listener once the execution is over (a signal may outlive many executions). */
  private stopListening = (): void => undefined;

  async run(): Promise<ExecutionResult> {
    const started = this.ctx.clock();
    let ending: FlowEnding | undefined;
    let end: FlowEnd | undefined;
    let error: ExecutionError | undefined;
    try {
      this.checkStartCard();
      end = await this.runSequence(this.flow.graph.cards);
      ending = end === undefined ? 'completed' : end.kind === 'halt' ? 'halted' : 'returned';
    } catch (caught) {
      error = caught instanceof ExecutionStop ? caught.error : { message: `the engine failed: ${(caught as Error).message}`, reason: 'flow' };
    } finally {
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
      outputs: end?.kind === 'return' ? end.outputs : undefined,
      haltMessage: end?.kind === 'halt' ? end.message : undefined,
      error,
      cards: this.records,
    };
    if (!this.answer) this.onReply({ kind: 'finished', result });
    return result;
  }

  /** The first answer wins; later Close or Return Raw cards still run but cannot answer twice. */
  private giveAnswer(answer: HttpAnswer, cardId: string): void {
    if (this.answer) return;
    this.answer = answer;
    this.answeredBy = cardId;
    this.ctx.onAnswer?.(answer);
    this.onReply({ kind: 'answer', answer, cardId });
  }

  private checkStartCard(): void {
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

  /** Runs cards in order; returns how the flow ended early (Return, Continue If), if it did. */
  private async runSequence(cards: readonly Card[]): Promise<FlowEnd | undefined> {
    for (const card of cards) {
      if (this.signal.aborted)
        throw new ExecutionStop({ message: `the execution was cut off (${abortReason(this.signal)}) before card ${describeCard(card)}`, reason: 'cut-off', cardId: card.id, cardName: card.name, cardType: card.type });
      const declaration = this.registry.get(card.type);
      if (declaration?.kind === 'note') continue;
      const outcome = await this.runCard(card, declaration);
      if (outcome.end) {
        this.finishWith(outcome.end, card);
        return outcome.end;
      }
      if (outcome.branch !== undefined) {
        const branch = card.branches?.find((candidate) => candidate.when === outcome.branch);
        const branchEnd = branch ? await this.runSequence(branch.cards) : undefined;
        if (branchEnd) return branchEnd;
      }
    }
    return undefined;
  }

  private finishWith(end: FlowEnd, card: Card): void {
    if (end.kind !== 'return') return;
    if (end.answer) this.giveAnswer(end.answer, card.id);
    // Okta: Return in an API Endpoint flow answers 200 with its fields as a JSON object.
    else if (this.trigger.kind === 'http') this.giveAnswer({ statusCode: 200, headers: {}, body: end.outputs ?? {} }, card.id);
  }

  private async runCard(card: Card, declaration: CardDeclaration | undefined): Promise<CardOutcome> {
    const started = this.ctx.clock();
    const record: CardRecord = { cardId: card.id, cardType: card.type, cardName: card.name, status: 'succeeded', startedAt: started.toISOString(), durationMs: 0 };
    this.records.push(record);
    const recordValues = this.ctx.recordValues !== false;
    let inputs: InputValue[] = [];
    try {
      if (!declaration) throw new CardError(`the card type '${card.type}' is not implemented in Tollgate`);
      inputs = this.readInputs(card);
      if (recordValues && declaration.kind !== 'event') record.inputs = valuesByLabel(card.inputs ?? [], (_field, index) => inputs[index].value);
      const outcome = await Promise.race([Promise.resolve(declaration.run(this.cardContext(card, inputs))), this.cutOff]);
      const outputs = this.storeOutputs(card, outcome.outputs ?? {});
      if (recordValues) record.outputs = valuesByLabel(card.outputs ?? [], (field) => outputs.get(field.id));
      return outcome;
    } catch (caught) {
      // Every error policy acts as Okta's default `finish` for now; retry, run a helper flow and
      // `return` (card.onError) come with the next Workflows issue, here.
      record.status = 'failed';
      const error = this.cardFailure(card, caught);
      record.error = error.message;
      throw new ExecutionStop(error);
    } finally {
      record.durationMs = this.ctx.clock().getTime() - started.getTime();
    }
  }

  private cardFailure(card: Card, caught: unknown): ExecutionError {
    const where = { cardId: card.id, cardName: card.name, cardType: card.type };
    if (caught instanceof ExecutionStop) return { ...caught.error, ...where, message: `${caught.error.message} while running card ${describeCard(card)}` };
    if (caught instanceof CardError && caught.options.returnedError)
      return { message: caught.message, reason: 'returned-error', statusCode: caught.options.statusCode, details: caught.options.details, ...where };
    const message = caught instanceof Error ? caught.message : String(caught);
    return { message: `card ${describeCard(card)} failed: ${message}`, reason: 'card', ...where };
  }

  /** Each input's value: from the wire whose source ran last, else the literal; converted, then coerced. */
  private readInputs(card: Card): InputValue[] {
    return (card.inputs ?? []).map((field) => ({ field, value: coerceToField(this.wiredValue(card, field), field) }));
  }

  private wiredValue(card: Card, field: Field): unknown {
    const wires = this.flow.wiresTo.get(wireTargetKey(card.id, field.id));
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

  private storeOutputs(card: Card, produced: Record<string, unknown>): Map<string, unknown> {
    const values = new Map<string, unknown>();
    for (const field of card.outputs ?? []) values.set(field.id, coerceToField(produced[field.id], field));
    this.outputValues.set(card.id, values);
    this.ranAt.set(card.id, ++this.runCounter);
    return values;
  }

  private cardContext(card: Card, inputs: InputValue[]) {
    return {
      card,
      inputs,
      input: (key: string, group?: string) => inputs.find((input) => input.field.key === key && (group === undefined || input.field.group === group))?.value ?? null,
      outputFields: card.outputs ?? [],
      trigger: this.trigger,
      executionId: this.ctx.executionId,
      now: this.ctx.clock,
      signal: this.signal,
      answer: (answer: HttpAnswer) => this.giveAnswer(answer, card.id),
      services: this.ctx.services ?? {},
    };
  }
}

function abortReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason.message;
  return typeof reason === 'string' ? reason : 'aborted';
}
