import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { CutOffController, startFlow, type HttpTrigger } from '../engine/index.js';
import { readNestedFlow } from '../flopack/index.js';
import { engineServices } from '../runtime/engine-services.js';
import { executionRowOf } from '../store/execution-record.js';
import { credentialValuesOf, redactorOf } from './credentials.js';
import type { RunnableFlow } from '../runtime/flow-cache.js';
import { responseOf, type InvokeResponse } from './http-reply.js';
import type { WorkflowRuntime } from '../runtime/workflow-runtime.js';

/**
 * Runs an API Endpoint flow for one HTTP call and resolves with the response as soon as the flow answers
 * (Close, Return Raw, Return) or ends. The flow is cut off when it has not answered within the cut-off
 * (60 s); after answering it may run on, within a longer limit. The execution is recorded when it ends,
 * after the caller's answer, by the batching recorder.
 */
export async function invokeFlow(ctx: AppContext, runtime: WorkflowRuntime, flow: RunnableFlow, trigger: HttpTrigger): Promise<{ executionId: string; response: InvokeResponse }> {
  const executionId = randomUUID();
  // An AbortController whose signal is made only if a card asks for it.
  const controller = new CutOffController();
  const { cutOffMs, afterAnswerLimitMs, cards } = runtime.options;
  let limit = setTimeout(() => controller.abort(new Error(`the flow did not answer within ${cutOffMs / 1000} seconds`)), cutOffMs);
  const run = startFlow(flow.prepared, trigger, {
    executionId,
    clock: runtime.clock,
    signal: controller,
    recordValues: flow.saveAllData,
    cards,
    readNestedFlow,
    services: engineServices(ctx),
  });
  const response = run.reply.then((reply) => {
    if (reply.kind === 'answer') {
      clearTimeout(limit);
      limit = setTimeout(() => controller.abort(new Error(`the flow ran on for more than ${afterAnswerLimitMs / 1000} seconds after answering`)), afterAnswerLimitMs);
      limit.unref();
    }
    return responseOf(reply);
  });
  // The caller's status, or 500 when the answer could not even be built (the route answers 500 then).
  const statusCode = response.then((sent) => sent.statusCode, () => 500);
  const recorded = Promise.all([statusCode, run.done])
    .then(([status, result]) => {
      clearTimeout(limit);
      runtime.recorder.record(executionRowOf(result, {
        flowId: flow.id, flowName: flow.name, trigger: 'http', saveAllData: flow.saveAllData, statusCode: status,
        redact: redactorOf(credentialValuesOf(trigger)),
      }));
    })
    .catch((err: unknown) => ctx.log.error({ err, executionId, flowId: flow.id }, 'could not record a flow execution'));
  runtime.track(controller, recorded);
  return { executionId, response: await response };
}
