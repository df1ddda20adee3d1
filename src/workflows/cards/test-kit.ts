import type { Card, Field } from '../model/flow.schema.js';
import type { EngineServices, FlowTrigger, HttpAnswer } from '../engine/types.js';
import { fieldLabel } from '../engine/records.js';
import { coerceToField } from '../engine/values/coerce.js';
import type { CardDeclaration, CardFieldSpec, CardOutcome, FlowCalls } from '../engine/card.js';

/*
 * Runs one card the way the engine does (inputs coerced to their declared types), without a flow,
 * for table-driven card tests. Fields are given as specs; ids are `in<N>` / `out<N>`.
 */

export interface CardCall {
  inputs?: readonly (CardFieldSpec & { custom?: boolean })[];
  /** Output fields; default: the card's declared outputs. */
  outputs?: readonly CardFieldSpec[];
  trigger?: FlowTrigger;
  card?: Partial<Card>;
  /** Helper flows the card may run (iterator and Call Flow tests); default: none. */
  flows?: FlowCalls;
  services?: EngineServices;
  /** Default: always 0.5. */
  random?: () => number;
  /** Default: records the wait in `sleeps` and returns at once. */
  sleep?: (ms: number) => Promise<void>;
  /** Default: 2026-01-02T03:04:05.000Z. */
  now?: Date;
}

export interface CardCallResult {
  outcome: CardOutcome;
  /** Output values by output `group.key` (`key` for fields without a group). */
  outputs: Record<string, unknown>;
  answers: HttpAnswer[];
  /** The waits the card asked for, in ms. */
  sleeps: number[];
}

const toField = (prefix: string) => (spec: CardFieldSpec & { custom?: boolean }, index: number): Field => ({ id: `${prefix}${index}`, ...spec });

export async function callCard(declaration: CardDeclaration, call: CardCall = {}): Promise<CardCallResult> {
  const inputFields = (call.inputs ?? declaration.inputs).map(toField('in'));
  const outputFields = (call.outputs ?? declaration.outputs).map(toField('out'));
  const card: Card = { id: 'card', type: declaration.type, name: declaration.title, inputs: inputFields, outputs: outputFields, ...call.card };
  const inputs = inputFields.map((field) => ({ field, value: coerceToField(field.value, field) }));
  const answers: HttpAnswer[] = [];
  const sleeps: number[] = [];
  const noFlows = (): never => {
    throw new Error('this card test gives the card no helper flows');
  };
  const outcome = await declaration.run({
    card,
    inputs,
    input: (key, group) => inputs.find((input) => input.field.key === key && (group === undefined || input.field.group === group))?.value ?? null,
    outputFields,
    trigger: call.trigger ?? { kind: 'manual' },
    executionId: 'exec-1',
    now: () => new Date(call.now ?? '2026-01-02T03:04:05.000Z'),
    signal: new AbortController().signal,
    answer: (answer) => answers.push(answer),
    services: call.services ?? {},
    flows: call.flows ?? { run: noFlows, start: noFlows },
    random: call.random ?? (() => 0.5),
    sleep:
      call.sleep ??
      ((ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      }),
  });
  const outputs: Record<string, unknown> = {};
  for (const field of outputFields) if (outcome.outputs && Object.hasOwn(outcome.outputs, field.id)) outputs[fieldLabel(field)] = coerceToField(outcome.outputs[field.id], field);
  return { outcome, outputs, answers, sleeps };
}
