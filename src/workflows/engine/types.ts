import type { CardRegistry, NestedFlowReader } from './card.js';
import type { CutOffController } from './cut-off.js';
import type { ConnectionsService } from './services/connections.js';
import type { OutboundHttp } from './services/http.js';
import type { OktaApi } from './services/okta.js';
import type { TablesService } from './services/tables.js';

/** What starts a flow. The event card reads it. */
export type FlowTrigger = HttpTrigger | CallTrigger | ManualTrigger | EventTrigger | ScheduleTrigger;

/**
 * A call of the flow's invoke URL. The HTTP layer builds it: header names lower-case, the body as
 * the raw text received, query parameters without the client token. The API Endpoint card drops
 * parameters starting with `x-okta-workflows`, as Okta does.
 */
export interface HttpTrigger {
  kind: 'http';
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  query: Record<string, string>;
  body: string;
}

/** A helper flow started with inputs by name (Call Flow, `tollgate flow run --input`, iterators). */
export interface CallTrigger {
  kind: 'call';
  inputs: Record<string, unknown>;
  /** The calling flow, as Okta's Helper Flow card shows it (`id`, `method`, `name`, `execution_id`). */
  parent?: Record<string, unknown>;
  /** Position in the list for iterators (Repeat: the round). */
  index?: number;
  /**
   * Values for the Helper Flow card's `context` outputs other than Okta's own (`index`, `parent`,
   * `error`, `execution_id`): the outer values If Error and If/ElseIf hand to their nested flows
   * (Okta's "wormhole" inputs), by key.
   */
  context?: Record<string, unknown>;
  /** What the Helper Flow card's `context.error` holds: the error an error handler was started for. */
  error?: Record<string, unknown>;
  /** How many helper-flow calls deep this call is (a flow calling itself without end is stopped). */
  depth?: number;
}

/** An Okta event (a System Log `LogEvent`, as JSON) that an event card (User Created, ...) listens to. */
export interface EventTrigger {
  kind: 'event';
  event: Record<string, unknown>;
}

/** A scheduled flow's tick (the flow-level `cron`). */
export interface ScheduleTrigger {
  kind: 'schedule';
  /** The tick this run is for (ISO time). */
  scheduledAt: string;
}

/** A flow run by hand ("Test" in Okta's editor): flows that start with a Noop. */
export interface ManualTrigger {
  kind: 'manual';
}

/** The answer to an HTTP caller, from API Connector Close, Return Raw or Return. */
export interface HttpAnswer {
  statusCode: number;
  headers: Record<string, string>;
  /** Text is sent as it is (Return Raw); anything else is sent as JSON (Close, Return). Null: no body. */
  body: unknown;
}

/**
 * What the host lends to cards that reach beyond the flow (the next Workflows issue adds the members:
 * calling other flows, tables, the outbound HTTP client). Cards receive it as `ctx.services`.
 */
export interface EngineServices {
  /** Runs another flow of this org by id and waits for its Return (Call Flow, iterators). */
  callFlow?: (flowId: string, trigger: CallTrigger, parent: { executionId: string; cardId: string }, signal?: AbortSignal) => Promise<ExecutionResult>;
  /** Okta's export (`.flow` JSON) of another flow of this org, by id (Export Flow card). */
  exportFlow?: (flowId: string) => Promise<unknown>;
  /** Outbound HTTP with the platform's SSRF guard (API Connector cards). */
  http?: OutboundHttp;
  /** This org's own management API (Okta connector cards). */
  okta?: OktaApi;
  /** Workflows tables (the `stash` cards). */
  tables?: TablesService;
  /** The auth of the connection an API Connector card references (absent: cards send only their own headers). */
  connections?: ConnectionsService;
}

/**
 * Everything the engine needs from outside. The engine imports nothing from HTTP, the database or the
 * environment: the server, `tollgate flow run` and the tests all hand it this.
 */
export interface EngineContext {
  executionId: string;
  /** Per-card timing and timestamps come from here (tests pass a fake clock). */
  clock: () => Date;
  /**
   * Aborting it cuts the execution off (the invoke endpoint aborts after 60 s). A `CutOffController`
   * does what an AbortController's signal does, and makes an AbortSignal only if a card asks for one.
   */
  signal?: AbortSignal | CutOffController;
  /** Called once, as soon as the flow answers its HTTP caller; the flow may go on running. */
  onAnswer?: (answer: HttpAnswer) => void;
  /** The cards the engine can run (the host passes `cards/registry.ts`'s list; tests pass their own). */
  cards: CardRegistry;
  /** Reads the Okta-exported flows nested in error policies (the host passes flopack's `readNestedFlow`). */
  readNestedFlow: NestedFlowReader;
  /** Whether card records carry input and output values (Okta's "save all data"). Default true. */
  recordValues?: boolean;
  services?: EngineServices;
  /** Waits (Wait For, retry delays). Default: a timer that the signal cancels. Tests pass a fake. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** A number in [0, 1) for the Random cards and ranged retry delays. Default `Math.random`. */
  random?: () => number;
  /** Ids for the executions of nested and inline helper flows. Default: `<executionId>.<n>`. */
  newExecutionId?: () => string;
}

export type ExecutionStatus = 'succeeded' | 'failed';

/**
 * Why a flow stopped: it ran out of cards, a Return or Return Raw ended it, or Continue If halted it.
 * Failures are in `status` and `error`.
 */
export type FlowEnding = 'completed' | 'returned' | 'halted';

export interface ExecutionError {
  message: string;
  /** `card` a card failed; `returned-error` Return Error (If) ended the flow; `cut-off` the signal fired. */
  reason: 'card' | 'returned-error' | 'cut-off' | 'flow';
  cardId?: string;
  cardName?: string;
  cardType?: string;
  /** For Return Error (If): the HTTP status the caller should get. */
  statusCode?: number;
  /** Extra inputs of Return Error If, by key. */
  details?: Record<string, unknown>;
  /** Helper flows nested past the limit: the depth reached. Callers pass this error up unchanged. */
  callDepth?: number;
}

/** What one card did during an execution. Values are there only when `recordValues` is on. */
export interface CardRecord {
  cardId: string;
  cardType: string;
  cardName?: string;
  status: 'succeeded' | 'failed';
  startedAt: string;
  durationMs: number;
  /** Input values by field (`group.key`, or `key` when the field has no group). */
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  error?: string;
  /** How many times the card ran, when its error policy retried it. */
  attempts?: number;
  /** The error the card's error policy handled (If Error's section ran); the card then succeeded. */
  handledError?: string;
  /** Executions of flows nested in this card (If Error, If/ElseIf, iterators over inline flows). */
  nested?: ExecutionResult[];
  /** Other flows this card called (Call Flow, iterators, error flows), run by the host. */
  calls?: HelperCallRecord[];
}

/** A flow a card called through `services.callFlow`; the host records that execution itself. */
export interface HelperCallRecord {
  flowId: string;
  executionId?: string;
  status: ExecutionStatus | 'started';
  /** The list position, for iterators. */
  index?: number;
}

export interface ExecutionResult {
  executionId: string;
  flowId?: string;
  flowName?: string;
  status: ExecutionStatus;
  ending?: FlowEnding;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** The HTTP answer given (by Close, Return Raw or Return), if any. */
  answer?: HttpAnswer;
  /** The card that gave the answer. */
  answeredBy?: string;
  /** Return's outputs by key (what a helper flow hands back). */
  outputs?: Record<string, unknown>;
  /** Continue If's message when it halted the flow. */
  haltMessage?: string;
  error?: ExecutionError;
  cards: CardRecord[];
  /** For a helper flow run by a card: the execution and card that ran it. */
  parent?: { executionId: string; cardId: string };
}

/**
 * What the HTTP layer waits for: an answer from an answering card, or the end of the execution when
 * no card answered first (then it decides the reply from the result).
 */
export type FlowReply = { kind: 'answer'; answer: HttpAnswer; cardId: string } | { kind: 'finished'; result: ExecutionResult };

export interface FlowRun {
  /** Resolves as soon as the caller can be answered; the execution may still be running. */
  reply: Promise<FlowReply>;
  /** Resolves when the execution has ended (never rejects: failures are in the result). */
  done: Promise<ExecutionResult>;
}
