import type { ExecutionResult, FlowTrigger } from '../engine/index.js';
import type { ExecutionRow } from './executions.store.js';

/** What the host knows about an execution beyond the engine's result. */
export interface ExecutionMeta {
  flowId: string;
  flowName: string;
  trigger: FlowTrigger['kind'];
  /** The flow's "save all data": card values, the answer and Return outputs are kept only then. */
  saveAllData: boolean;
  /** The HTTP status the caller got (invoked flows). */
  statusCode?: number;
  /** The execution and card that started this one (helper flows called by id). */
  parent?: { executionId: string; cardId: string };
  /**
   * Replaces the caller's credentials in every saved text (invoked flows); `inJson` tells whether a
   * serialized record holds any, so the value-by-value pass runs only then.
   */
  redact?: { (text: string): string; inJson(json: string): boolean };
}

/** The `data` column: everything about the run that has no column of its own. */
export interface ExecutionData {
  ending: ExecutionResult['ending'] | null;
  answeredBy: string | null;
  haltMessage: string | null;
  error: ExecutionResult['error'] | null;
  answer?: ExecutionResult['answer'];
  outputs?: ExecutionResult['outputs'];
  cards: ExecutionResult['cards'];
}

/** The row that records an execution. Card records carry values only when the engine was told to keep them. */
export function executionRowOf(result: ExecutionResult, meta: ExecutionMeta): ExecutionRow {
  const data: ExecutionData = {
    ending: result.ending ?? null,
    answeredBy: result.answeredBy ?? null,
    haltMessage: result.haltMessage ?? null,
    error: result.error ?? null,
    cards: result.cards,
  };
  const { redact } = meta;
  if (meta.saveAllData) {
    if (result.answer) data.answer = result.answer;
    if (result.outputs) data.outputs = result.outputs;
  }
  return {
    id: result.executionId,
    flow_id: meta.flowId,
    flow_name: meta.flowName,
    status: result.status,
    trigger: meta.trigger,
    started: result.startedAt,
    finished: result.finishedAt,
    duration_ms: Math.max(0, Math.round(result.durationMs)),
    error: result.error ? (redact ? redact(result.error.message) : result.error.message) : null,
    failed_card_id: result.error?.cardId ?? null,
    failed_card_name: result.error ? (result.error.cardName ?? result.error.cardType ?? null) : null,
    status_code: meta.statusCode ?? null,
    data_saved: meta.saveAllData ? 1 : 0,
    data: serialized(data, redact),
    parent_execution_id: meta.parent?.executionId ?? null,
    parent_card_id: meta.parent?.cardId ?? null,
  };
}

function serialized(data: ExecutionData, redact: ExecutionMeta['redact']): string {
  const json = JSON.stringify(data);
  if (!redact?.inJson(json)) return json;
  return JSON.stringify(data, (_key, value: unknown) => (typeof value === 'string' ? redact(value) : value));
}
