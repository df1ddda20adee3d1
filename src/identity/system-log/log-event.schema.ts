/**
 * Okta's LogEvent (`GET /api/v1/logs`, and the payload of event hooks) as a TypeBox schema: the route's
 * response schema and the console's type. The System Log serves events as they were stored, so they are
 * written as they are. system-log.routes.ts checks at compile time that it is the events kernel's LogEvent.
 */
import { Type, type Static } from '@sinclair/typebox';
import { AsIs, Nullable, StringEnum } from '../../platform/schema-kit.js';

export const LogActor = Type.Object({
  id: Type.String(),
  type: Type.String(),
  alternateId: Type.String(),
  displayName: Type.String(),
  detailEntry: Type.Optional(Nullable(Type.Record(Type.String(), Type.Unknown()))),
});
export type LogActor = Static<typeof LogActor>;

export const LogClient = Type.Object({
  ipAddress: Nullable(Type.String()),
  userAgent: Nullable(Type.Object({ rawUserAgent: Nullable(Type.String()), os: Nullable(Type.String()), browser: Nullable(Type.String()) })),
  zone: Type.String(),
  device: Nullable(Type.String()),
  id: Nullable(Type.String()),
  geographicalContext: Type.Null(),
});

export const LogEvent = AsIs(Type.Object({
  uuid: Type.String(),
  published: Type.String(),
  eventType: Type.String(),
  version: StringEnum(['0']),
  severity: StringEnum(['DEBUG', 'INFO', 'WARN', 'ERROR']),
  legacyEventType: Nullable(Type.String()),
  displayMessage: Type.String(),
  actor: LogActor,
  client: LogClient,
  device: Type.Null(),
  authenticationContext: Type.Object({
    authenticationProvider: Nullable(Type.String()),
    credentialProvider: Nullable(Type.String()),
    credentialType: Nullable(Type.String()),
    issuer: Type.Null(),
    interface: Nullable(Type.String()),
    authenticationStep: Type.Number(),
    externalSessionId: Nullable(Type.String()),
    rootSessionId: Type.Optional(Nullable(Type.String())),
  }),
  securityContext: Type.Object({ asNumber: Type.Null(), asOrg: Type.Null(), isp: Type.Null(), domain: Type.Null(), isProxy: Type.Null() }),
  outcome: Type.Object({
    result: StringEnum(['SUCCESS', 'FAILURE', 'SKIPPED', 'ALLOW', 'DENY', 'CHALLENGE', 'UNKNOWN']),
    reason: Nullable(Type.String()),
  }),
  target: Nullable(Type.Array(LogActor)),
  transaction: Type.Object({ type: StringEnum(['WEB', 'JOB']), id: Type.String(), detail: Type.Record(Type.String(), Type.Unknown()) }),
  debugContext: Type.Object({ debugData: Type.Record(Type.String(), Type.Unknown()) }),
  request: Type.Object({
    ipChain: Type.Array(Type.Object({ ip: Type.String(), geographicalContext: Type.Null(), version: StringEnum(['V4', 'V6']), source: Type.Null() })),
  }),
}));
export type LogEvent = Static<typeof LogEvent>;
