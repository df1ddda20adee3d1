import type { AppContext } from '../../platform/context.js';
import { errors } from '../../platform/errors.js';
import { workflowRuntime } from '../runtime/workflow-runtime.js';
import type { ExecutionData } from '../store/execution-record.js';
import { findExecutionRow, listChildExecutionRows, listExecutionRows, type ExecutionRow } from '../store/executions.store.js';
import { getFlowRow } from './flows.service.js';

/** One execution as the Workflows API shows it. `cards` only on a single execution. */
export interface ExecutionResource {
  id: string;
  flowId: string;
  flowName: string;
  /** succeeded or failed. */
  status: string;
  /** http (invoke URL), call (helper flow) or manual. */
  trigger: string;
  started: string;
  finished: string;
  durationMs: number;
  /** How the flow ended: completed (ran out of cards), returned, halted (Continue If). Null when it failed. */
  ending: string | null;
  /** The HTTP status its caller got. */
  statusCode: number | null;
  /** The card that answered the caller (Close, Return Raw, Return). */
  answeredBy: string | null;
  error: ExecutionData['error'];
  /** The card where it failed. */
  failedCard: { id: string; name: string | null } | null;
  /** Whether card inputs and outputs were saved (the flow's "save all data"). */
  dataSaved: boolean;
  /** The execution and card that started this one (a helper flow called by id), or null. */
  parent: { executionId: string; cardId: string | null } | null;
  /** On a single execution: the helper-flow executions its cards started, oldest first. */
  children?: ExecutionResource[];
  haltMessage?: string | null;
  answer?: ExecutionData['answer'];
  outputs?: ExecutionData['outputs'];
  cards?: ExecutionData['cards'];
  _links: Record<string, { href: string }>;
}

export function toExecutionResource(ctx: AppContext, row: ExecutionRow, detail: boolean): ExecutionResource {
  const data = JSON.parse(row.data) as ExecutionData;
  const base = `${ctx.config.issuer}/api/workflows/v1`;
  const resource: ExecutionResource = {
    id: row.id,
    flowId: row.flow_id,
    flowName: row.flow_name,
    status: row.status,
    trigger: row.trigger,
    started: row.started,
    finished: row.finished,
    durationMs: Number(row.duration_ms),
    ending: data.ending ?? null,
    statusCode: row.status_code === null ? null : Number(row.status_code),
    answeredBy: data.answeredBy ?? null,
    error: data.error ?? null,
    failedCard: row.failed_card_id ? { id: row.failed_card_id, name: row.failed_card_name } : null,
    dataSaved: Number(row.data_saved) === 1,
    parent: row.parent_execution_id ? { executionId: row.parent_execution_id, cardId: row.parent_card_id } : null,
    _links: {
      self: { href: `${base}/executions/${encodeURIComponent(row.id)}` },
      flow: { href: `${base}/flows/${encodeURIComponent(row.flow_id)}` },
    },
  };
  if (detail) {
    resource.haltMessage = data.haltMessage ?? null;
    if (data.answer !== undefined) resource.answer = data.answer;
    if (data.outputs !== undefined) resource.outputs = data.outputs;
    resource.cards = data.cards;
  }
  return resource;
}

/** A flow's executions, newest first. Records still waiting in this process are written first. */
export async function listExecutions(
  ctx: AppContext, flowId: string, options: { limit: number; after?: string; status?: string; q?: string },
): Promise<{ items: ExecutionResource[]; nextAfter?: string }> {
  await getFlowRow(ctx.db, flowId);
  await workflowRuntime(ctx).recorder.flush();
  let after: { started: string; id: string } | undefined;
  if (options.after) {
    const at = options.after.indexOf('|');
    if (at < 1) throw errors.validation('after', ['after: This is not a cursor from a Link header']);
    after = { started: options.after.slice(0, at), id: options.after.slice(at + 1) };
  }
  const rows = await listExecutionRows(ctx.db, flowId, { limit: options.limit + 1, after, status: options.status, text: options.q || undefined });
  const items = rows.slice(0, options.limit).map((row) => toExecutionResource(ctx, row, false));
  const last = rows.length > options.limit ? rows[options.limit - 1] : undefined;
  return { items, nextAfter: last ? `${last.started}|${last.id}` : undefined };
}

export async function getExecution(ctx: AppContext, id: string): Promise<ExecutionResource> {
  await workflowRuntime(ctx).recorder.flush();
  const row = await findExecutionRow(ctx.db, id);
  if (!row) throw errors.notFound('Execution', id);
  const resource = toExecutionResource(ctx, row, true);
  resource.children = (await listChildExecutionRows(ctx.db, id)).map((child) => toExecutionResource(ctx, child, false));
  if (row.parent_execution_id) resource._links.parent = { href: `${ctx.config.issuer}/api/workflows/v1/executions/${encodeURIComponent(row.parent_execution_id)}` };
  return resource;
}
