/** Tollgate's flow definition: schemas (for route validation), checks and the canonical text form. */
export {
  Card,
  ErrorPolicy,
  FieldRef,
  FieldType,
  FLOW_FORMAT,
  FlowDefinition,
  FlowGraph,
  SecurityLevel,
  Wire,
  WIRE_CONVERSIONS,
  type Branch,
  type Field,
  type WireConversion,
} from './flow.schema.js';
export { formatFlow, normalizeFlow } from './canonical.js';
export { validateFlow, type FlowProblem } from './validate-flow.js';
export { allCards, cardsById, describeCard } from './walk.js';
