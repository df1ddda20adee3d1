import type { Card, Field, FieldType, FlowGraph } from '../model/flow.schema.js';
import type { EngineServices, ExecutionResult, FlowTrigger, HttpAnswer } from './types.js';

/*
 * The contract of a card: one file per card declares its Okta address, its fields and a pure
 * `run(ctx)`. Everything a card may use reaches it through `ctx`; cards import nothing from HTTP,
 * the database or the environment.
 */

/** A field as the card declares it (what Okta's editor puts on a new card). */
export interface CardFieldSpec {
  key: string;
  type: FieldType;
  list?: boolean;
  group?: string;
  label?: string;
  /** Default literal value. */
  value?: unknown;
}

/** `event` cards start a flow; `note` cards (Comment) never run; everything else is `function`. */
export type CardKind = 'event' | 'function' | 'note';

export interface CardDeclaration {
  /** Okta's `module:key`, e.g. `control:if`. */
  type: string;
  /** Okta's card name, e.g. "If/Else". */
  title: string;
  description: string;
  kind: CardKind;
  /** For event cards: which triggers can start a flow that begins with this card. */
  triggers?: ReadonlyArray<FlowTrigger['kind']>;
  /** How Okta's export writes the card (used when exporting a card authored in Tollgate). */
  okta: { address: string; timeout: number };
  inputs: readonly CardFieldSpec[];
  outputs: readonly CardFieldSpec[];
  /** Whether the flow's author may add fields (Compose, Construct, Assign, Return, ...). */
  extensible?: { inputs?: boolean; outputs?: boolean };
  run(ctx: CardRunContext): CardOutcome | Promise<CardOutcome>;
}

/** An input field with the value that reached it (wire, conversion and coercion applied). */
export interface InputValue {
  field: Field;
  value: unknown;
}

export interface CardRunContext {
  card: Card;
  inputs: readonly InputValue[];
  /** The value of the first input with this key (and group, when given). */
  input(key: string, group?: string): unknown;
  outputFields: readonly Field[];
  trigger: FlowTrigger;
  executionId: string;
  now(): Date;
  signal: AbortSignal;
  /** Answers the HTTP caller now; the flow goes on. Only the first answer of an execution counts. */
  answer(answer: HttpAnswer): void;
  services: EngineServices;
  /** Helper flows: run one and wait (Call Flow, iterators, If Error, If/ElseIf) or start one (Call Flow Async). */
  flows: FlowCalls;
  /** Waits, unless the execution is cut off first (Wait For). */
  sleep(ms: number): Promise<void>;
  /** A number in [0, 1) (Random cards); the host may fix it for tests. */
  random(): number;
}

/** Which helper flow to run: one nested in a `flo` field, or another flow of the org by id. */
export type FlowRef = { graph: FlowGraph } | { flowId: string };

/** What a card hands to a helper flow. */
export interface HelperCall {
  /** The Helper Flow card's inputs, by key. */
  inputs: Record<string, unknown>;
  /** The Helper Flow card's extra `context` outputs, by key (outer values of If Error, If/ElseIf). */
  context?: Record<string, unknown>;
  /** `context.index` (iterators, Repeat). */
  index?: number;
  /** `context.error` (error handlers). */
  error?: Record<string, unknown>;
}

export interface FlowCalls {
  /** Runs the helper flow to its end; never rejects for the helper's own failure (see the result). */
  run(flow: FlowRef, call: HelperCall): Promise<ExecutionResult>;
  /** Starts the helper flow and returns at once; its outcome does not touch this flow. */
  start(flow: FlowRef, call: HelperCall): void;
}

/** How a Return or Continue If ends the flow. */
export type FlowEnd =
  | { kind: 'return'; answer?: HttpAnswer; outputs?: Record<string, unknown> }
  | { kind: 'halt'; message?: string };

export interface CardOutcome {
  /** Output values by output field id (see `outputsByKey`). */
  outputs?: Record<string, unknown>;
  /** If/Else: which branch runs next. */
  branch?: boolean;
  /** Ends the flow after this card. */
  end?: FlowEnd;
}

/** A card failed; the message says why in the flow author's terms. */
export class CardError extends Error {
  constructor(
    message: string,
    readonly options: {
      statusCode?: number;
      details?: Record<string, unknown>;
      returnedError?: boolean;
      /** The HTTP status a called service answered (error policies retry 429 and other transient ones). */
      httpStatus?: number;
      /** Where a helper flow failed, when this card failed because of it. */
      inner?: { cardName?: string; cardType?: string; executionId?: string };
      /** The helper failed by nesting too deep: the error goes up once, not wrapped by every caller. */
      callDepth?: number;
    } = {},
  ) {
    super(message);
  }
}

/** The cards an engine can run, by type; the host hands it in (`cards/registry.ts` registers Tollgate's). */
export type CardRegistry = ReadonlyMap<string, CardDeclaration>;

/**
 * Reads a flow nested in a card's error policy as Okta exports it (`{methods, orderings}`). The host
 * hands in the `.flopack` reader, so the engine imports no `.flopack` code; it throws a CardError
 * when the flow cannot be read.
 */
export type NestedFlowReader = (flo: object, path: string) => FlowGraph;

export function defineCard(declaration: CardDeclaration): CardDeclaration {
  return declaration;
}

/** Output values by key, turned into values by output field id (every output with that key gets it). */
export function outputsByKey(ctx: Pick<CardRunContext, 'outputFields'>, values: Record<string, unknown>): Record<string, unknown> {
  const outputs: Record<string, unknown> = {};
  for (const field of ctx.outputFields) if (Object.hasOwn(values, field.key)) outputs[field.id] = values[field.key];
  return outputs;
}

/** The Okta address of a kernel function card of version 0.0.1. */
export function kernelAddress(type: string): string {
  const [module, key] = type.split(':');
  return `root:kernel:${module}:0.0.1:${key}`;
}
