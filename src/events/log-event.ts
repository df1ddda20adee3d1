import { newId } from '../platform/ids.js';

/** Okta's LogEvent, the System Log's record and the payload of event hooks. */
export interface LogActor {
  id: string;
  type: string;
  alternateId: string;
  displayName: string;
  detailEntry?: Record<string, unknown> | null;
}

export type LogTarget = LogActor;

export interface LogClient {
  ipAddress: string | null;
  userAgent: { rawUserAgent: string | null; os: string | null; browser: string | null } | null;
  zone: string;
  device: string | null;
  id: string | null;
  geographicalContext: null;
}

export interface LogEvent {
  uuid: string;
  published: string;
  eventType: string;
  version: '0';
  severity: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  legacyEventType: string | null;
  displayMessage: string;
  actor: LogActor;
  client: LogClient;
  device: null;
  authenticationContext: {
    authenticationProvider: string | null;
    credentialProvider: string | null;
    credentialType: string | null;
    issuer: null;
    interface: string | null;
    authenticationStep: number;
    externalSessionId: string | null;
    rootSessionId?: string | null;
  };
  securityContext: { asNumber: null; asOrg: null; isp: null; domain: null; isProxy: null };
  outcome: { result: 'SUCCESS' | 'FAILURE' | 'SKIPPED' | 'ALLOW' | 'DENY' | 'CHALLENGE' | 'UNKNOWN'; reason: string | null };
  target: LogTarget[] | null;
  transaction: { type: 'WEB' | 'JOB'; id: string; detail: Record<string, unknown> };
  debugContext: { debugData: Record<string, unknown> };
  request: { ipChain: Array<{ ip: string; geographicalContext: null; version: 'V4' | 'V6'; source: null }> };
}

/** Who did something and from where: built once per request and passed to every service that logs. */
export interface AuditContext {
  actor: LogActor;
  client: LogClient;
  transactionId: string;
  sessionId?: string | null;
}

export const SYSTEM_ACTOR: LogActor = {
  id: '0oa1tollgate0system0',
  type: 'PublicClientApp',
  alternateId: 'Tollgate',
  displayName: 'Tollgate',
  detailEntry: null,
};

/** Who acts in the System Log when a command-line command changes the store. */
export function cliAudit(command: string): AuditContext {
  return { actor: SYSTEM_ACTOR, client: clientOf(null, command), transactionId: newId('request') };
}

export function clientOf(ip: string | null, userAgent: string | null): LogClient {
  return {
    ipAddress: ip,
    userAgent: userAgent ? { rawUserAgent: userAgent, os: null, browser: null } : null,
    zone: 'null',
    device: userAgent ? 'Computer' : null,
    id: null,
    geographicalContext: null,
  };
}
