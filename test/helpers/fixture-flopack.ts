import { contractorsFlow } from '../../src/workflows/demo-flows/contractors.js';
import { flopackOf } from '../../src/workflows/flopack/flopack.js';

type Json = Record<string, any>;

/**
 * A small `.flopack` written for the project: the demo's "Registration hook: contractors" flow (12 cards, an
 * API Endpoint to an API Connector Close) exported as Okta exports a flow, read back through JSON text as a
 * file would be. For tests that need one export and not Okta's corpus.
 */
export function contractorsFlopack(): Json {
  return JSON.parse(JSON.stringify(flopackOf([contractorsFlow], { created: new Date('2026-01-02T03:04:05.000Z') }))) as Json;
}
