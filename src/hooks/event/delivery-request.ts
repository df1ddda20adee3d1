/** The POST an event hook receives (reference §5.4): Okta's envelope, headers, and optional signatures. */
import type { AppContext } from '../../platform/context.js';
import type { LogEvent } from '../../events/log-event.js';
import type { EventHookChannel } from './event-hook-input.js';

export interface DeliveryEnvelope {
  eventType: 'com.okta.event_hook';
  eventTypeVersion: '1.0';
  cloudEventsVersion: '0.1';
  source: string;
  eventId: string;
  eventTime: string;
  contentType: 'application/json';
  data: { events: LogEvent[] };
}

export function deliveryEnvelope(ctx: AppContext, hookId: string, eventId: string, events: LogEvent[]): DeliveryEnvelope {
  return {
    eventType: 'com.okta.event_hook',
    eventTypeVersion: '1.0',
    // Plural, as Okta spells it for event hooks (inline hooks say cloudEventVersion).
    cloudEventsVersion: '0.1',
    source: `${ctx.config.issuer}/api/v1/eventHooks/${hookId}`,
    eventId,
    eventTime: ctx.clock().toISOString(),
    contentType: 'application/json',
    data: { events },
  };
}

/** Custom headers, then the auth header, then the JSON headers Tollgate owns (reserved, so nothing overrides them). */
export function deliveryHeaders(channel: EventHookChannel, authValue: string | null): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const h of channel.config.headers) headers[h.key] = h.value;
  if (channel.config.authScheme && authValue !== null) headers[channel.config.authScheme.key] = authValue;
  headers.accept = 'application/json';
  headers['content-type'] = 'application/json';
  return headers;
}
