/** The Workflows engine: what the HTTP layer, the CLI and the Workflows API call. */
export { runFlow, startFlow } from './run-flow.js';
export { prepareFlow, type PreparedFlow } from './prepare.js';
export { CutOffController } from './cut-off.js';
export { findUnsupportedCards } from './support.js';
export { fieldLabel } from './records.js';
export type {
  CallTrigger,
  EventTrigger,
  ScheduleTrigger,
  CardRecord,
  EngineContext,
  EngineServices,
  ExecutionError,
  ExecutionResult,
  ExecutionStatus,
  FlowEnding,
  FlowReply,
  FlowRun,
  FlowTrigger,
  HttpAnswer,
  HttpTrigger,
  ManualTrigger,
} from './types.js';
