/**
 * Workflows connections as the Workflows API answers them (`/api/workflows/v1/connections`): the routes'
 * response schema, the type the service builds and the console's.
 */
import { Type, type Static } from '@sinclair/typebox';
import { AsIs, Nullable } from '../../platform/schema-kit.js';

export const Connection = Type.Object({
  id: Type.String(),
  name: Type.String(),
  /** Okta's connector module, e.g. `okta`, `httpfunctions`, `slack`. */
  connector: Type.String(),
  /** The connector as Okta names it, e.g. "API Connector". */
  connectorName: Type.String(),
  /** Whether Tollgate can bind it (Okta and API Connector connections). */
  bindable: Type.Boolean(),
  /** For a connector Tollgate does not have: why it cannot be bound ("Slack is not available in Tollgate"). */
  unavailable: Nullable(Type.String()),
  bound: Type.Boolean(),
  /** The binding without its secrets (`passwordSet`, `valueSet`, `clientSecretSet` say that one is set); as stored. */
  binding: Nullable(AsIs(Type.Intersect([Type.Object({ auth: Type.String() }), Type.Record(Type.String(), Type.Unknown())]))),
  /** The stored flows whose cards reference the connection. */
  usedBy: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  created: Type.String(),
  lastUpdated: Type.String(),
  _links: Type.Record(Type.String(), Type.Object({ href: Type.String() })),
});
export type Connection = Static<typeof Connection>;
