import type { AppContext } from '../platform/context.js';
import type { Executor } from '../platform/db/index.js';
import { newUuid } from '../platform/ids.js';
import type { AuditContext, LogEvent, LogTarget } from './log-event.js';
import { systemLogRow } from './system-log-row.js';

export interface NewLogEvent {
  eventType: string;
  displayMessage: string;
  severity?: LogEvent['severity'];
  outcome?: LogEvent['outcome']['result'];
  reason?: string | null;
  target?: LogTarget[];
  debugData?: Record<string, unknown>;
  legacyEventType?: string | null;
}

let lastPublished = 0;

/**
 * `published` never repeats within a process, so events written in the same millisecond keep their order
 * (the log sorts by published, then uuid).
 */
function nextPublished(now: Date): string {
  lastPublished = Math.max(now.getTime(), lastPublished + 1);
  return new Date(lastPublished).toISOString();
}

/**
 * Writes one System Log event. Pass the transaction that makes the change, so that the change and its
 * event commit or roll back together. In the same transaction the event is queued for the event hooks (and
 * other outbox sinks) that want it: what commits is delivered, what rolls back never is.
 */
export async function recordEvent(ctx: AppContext, db: Executor, audit: AuditContext, input: NewLogEvent): Promise<LogEvent> {
  const ip = audit.client.ipAddress;
  const event: LogEvent = {
    uuid: newUuid(),
    published: nextPublished(ctx.clock()),
    eventType: input.eventType,
    version: '0',
    severity: input.severity ?? 'INFO',
    legacyEventType: input.legacyEventType ?? null,
    displayMessage: input.displayMessage,
    actor: { detailEntry: null, ...audit.actor },
    client: audit.client,
    device: null,
    authenticationContext: {
      authenticationProvider: null,
      credentialProvider: null,
      credentialType: null,
      issuer: null,
      interface: null,
      authenticationStep: 0,
      externalSessionId: audit.sessionId ?? null,
    },
    securityContext: { asNumber: null, asOrg: null, isp: null, domain: null, isProxy: null },
    outcome: { result: input.outcome ?? 'SUCCESS', reason: input.reason ?? null },
    target: input.target?.map((t) => ({ detailEntry: null, ...t })) ?? null,
    transaction: { type: 'WEB', id: audit.transactionId, detail: {} },
    debugContext: { debugData: { requestId: audit.transactionId, ...input.debugData } },
    request: { ipChain: ip ? [{ ip, geographicalContext: null, version: ip.includes(':') ? 'V6' : 'V4', source: null }] : [] },
  };
  await ctx.events.record(ctx, db, event, systemLogRow(event));
  return event;
}
