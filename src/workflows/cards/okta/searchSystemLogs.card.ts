import { defineCard } from '../../engine/card.js';
import { isPlainObject, textOf } from '../../engine/values/types.js';
import { deliverRecords, listAll, oktaCardExport, optionalText, recordLimit, resultSetOf, withQuery } from './okta-connector.js';

const TEXT = { type: 'string', collection: false };
const ACTOR_TYPE = { ID: TEXT, Type: TEXT, 'Alternate ID': TEXT, 'Display Name': TEXT };

function at(value: unknown, key: string): unknown {
  return isPlainObject(value) && Object.hasOwn(value, key) ? value[key] : null;
}

/** One System Log event as the card gives it (the "System Logs" items and each streamed Record). */
function eventRecord(event: unknown): Record<string, unknown> {
  const actor = at(event, 'actor');
  const client = at(event, 'client');
  return {
    UUID: at(event, 'uuid'),
    Published: at(event, 'published'),
    'Event Type': at(event, 'eventType'),
    Severity: at(event, 'severity'),
    'Display Message': at(event, 'displayMessage'),
    Actor: { ID: at(actor, 'id'), Type: at(actor, 'type'), 'Alternate ID': at(actor, 'alternateId'), 'Display Name': at(actor, 'displayName') },
    Target: at(event, 'target') ?? [],
    Client: {
      ID: at(client, 'id'),
      'User Agent': at(client, 'userAgent'),
      'Geographical Context': at(client, 'geographicalContext'),
      Zone: at(client, 'zone'),
      'IP Address': at(client, 'ipAddress'),
      Device: at(client, 'device'),
    },
    Request: at(event, 'request'),
    'Raw Output': event,
  };
}

/**
 * Okta connector Search System Logs: GET /api/v1/logs with `since`/`until` and either a filter
 * expression (Search By "Expression") or keywords (`q`, Search By "Keyword"); the first event, the
 * first 200, or each event streamed to a helper flow.
 */
export default defineCard({
  type: 'okta:searchSystemLogs',
  title: 'Search System Logs',
  description: 'Search the System Log by expression or keyword within a time range.',
  kind: 'function',
  okta: oktaCardExport('searchSystemLogs'),
  inputs: [
    { key: 'searchBy', type: 'string', group: 'parameters', label: 'Search By', value: 'Expression' },
    { key: 'resultSet', type: 'string', group: 'parameters', label: 'Result Set', value: 'First Matching Record' },
    { key: 'since', type: 'Date', group: 'Date', label: 'Since' },
    { key: 'until', type: 'Date', group: 'Date', label: 'Until' },
    { key: 'Custom Filter', type: 'string', group: 'Search By' },
    { key: 'Flow', type: 'flo', group: 'Streaming' },
  ],
  outputs: [
    { key: 'UUID', type: 'string', group: 'Result' },
    { key: 'Published', type: 'Date', group: 'Result' },
    { key: 'Event Type', type: 'string', group: 'Result' },
    { key: 'Display Message', type: 'string', group: 'Result' },
    { key: 'Actor', type: ACTOR_TYPE, group: 'Result' },
    { key: 'Target', type: 'object', list: true, group: 'Result' },
    { key: 'System Logs', type: 'object', list: true, group: 'Result' },
    { key: 'Records Streamed', type: 'number', group: 'Result' },
  ],
  async run(ctx) {
    const resultSet = resultSetOf(ctx, 'first');
    const limit = recordLimit(resultSet, null);
    const criteria = optionalText(ctx, 'Custom Filter', 'Search By');
    const byKeyword = textOf(ctx.input('searchBy', 'parameters')).trim().toLowerCase() === 'keyword';
    const path = withQuery('/api/v1/logs', {
      since: optionalText(ctx, 'since', 'Date'),
      until: optionalText(ctx, 'until', 'Date'),
      [byKeyword ? 'q' : 'filter']: criteria,
      limit: Math.min(limit, 1000),
    });
    const events = await listAll(ctx, path, limit);
    return { outputs: await deliverRecords(ctx, events.map(eventRecord), resultSet, 'System Logs') };
  },
});
