/**
 * The services a stored flow's cards get in the server (`ctx.services` of a card): other flows of the
 * org by id (Call Flow, iterators, error flows, Export Flow), outbound HTTP with the SSRF guard, the Okta
 * connector against this org, tables, and the auth of API Connector connections. Built once per AppContext.
 */
import type { AppContext } from '../../platform/context.js';
import type { EngineServices } from '../engine/index.js';
import { workflowRuntime } from './workflow-runtime.js';
import { exportFlowPack } from '../store/flow-export.js';
import { connectionsService } from './connections-service.js';
import { outboundHttp } from './http-service.js';
import { oktaApi } from './okta-service.js';
import { runStoredFlow } from './run-stored-flow.js';
import { tablesService } from './tables-service.js';

const built = new WeakMap<AppContext, EngineServices>();

export function engineServices(ctx: AppContext): EngineServices {
  let services = built.get(ctx);
  if (!services) {
    services = {
      callFlow: async (flowId, trigger, parent, signal) => {
        const flow = await workflowRuntime(ctx).flows.getById(flowId);
        if (!flow) throw new Error(`the flow '${flowId}' does not exist in this org`);
        // As in Okta: a helper flow runs only while it is turned on.
        if (!flow.active) throw new Error(`the flow '${flow.name}' is off; turn it on so that other flows can call it`);
        return runStoredFlow(ctx, flow, trigger, { parent, signal });
      },
      // The API's export (folder, tables, connections); no System Log event: no user exports here.
      exportFlow: async (flowId) => {
        const exported = await exportFlowPack(ctx, flowId);
        if (!exported) throw new Error(`the flow '${flowId}' does not exist in this org`);
        return exported.flopack;
      },
      http: outboundHttp(ctx),
      okta: oktaApi(ctx),
      tables: tablesService(ctx),
      connections: connectionsService(ctx),
    };
    built.set(ctx, services);
  }
  return services;
}
