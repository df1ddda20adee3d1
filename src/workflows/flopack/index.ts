/** Okta's `.flopack` / `.flow` / `.folder` JSON to and from Tollgate flow definitions. */
export { flopackOf, readFlopack, writeFlopack, type FlopackContents } from './flopack.js';
export { exportFlow, importFlow } from './flow.js';
export { FlopackError } from './okta-json.js';
export { readNestedFlow } from './graph.js';
