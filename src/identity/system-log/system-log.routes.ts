import { Type, type Static } from '@sinclair/typebox';
import { sql, type SqlBool } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { jsonMember } from '../../platform/db/json.js';
import { errors } from '../../platform/errors.js';
import { filterToSql, FilterSyntaxError, type AttributeResolver } from '../../platform/filter.js';
import { pageParams, setLinkHeaders, takePage } from '../../platform/paging.js';
import type { LogEvent as KernelLogEvent } from '../../events/log-event.js';
import { LogEvent } from './log-event.schema.js';

// The schema is the events kernel's LogEvent, both ways (a compile-time check).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameLogEvent: Same<LogEvent, KernelLogEvent> = true;
void sameLogEvent;

const LogQuery = Type.Object({
  since: Type.Optional(Type.String()),
  until: Type.Optional(Type.String()),
  filter: Type.Optional(Type.String()),
  q: Type.Optional(Type.String()),
  limit: Type.Optional(Type.String()),
  sortOrder: Type.Optional(Type.Union([Type.Literal('ASCENDING'), Type.Literal('DESCENDING')])),
  after: Type.Optional(Type.String()),
});
type LogQuery = Static<typeof LogQuery>;

/** Columns that the System Log filter can use directly; anything else is read from the event's JSON. */
const COLUMNS = new Map<string, string>([
  ['uuid', 'uuid'],
  ['published', 'published'],
  ['eventType', 'event_type'],
  ['severity', 'severity'],
  ['outcome.result', 'outcome_result'],
  ['actor.id', 'actor_id'],
  ['transaction.id', 'transaction_id'],
  ['displayMessage', 'display_message'],
]);

function resolver(ctx: AppContext): AttributeResolver {
  return (attr, value) => {
    const column = COLUMNS.get(attr);
    if (column) return sql.ref(column);
    if (attr === 'target.id') {
      // Target ids are stored space-delimited; only equality makes sense for membership.
      return {
        predicate(op, v) {
          if (op !== 'eq' || typeof v !== 'string') throw new FilterSyntaxError('target.id supports only eq');
          return sql<SqlBool>`(target_ids like ${'% ' + v + ' %'})`;
        },
      };
    }
    if (/^(actor|client|outcome|transaction|debugContext|authenticationContext|securityContext|request|legacyEventType)(\.[A-Za-z0-9_]+)*$/.test(attr)) {
      return jsonMember(ctx.dialect, 'body', attr, typeof value === 'number');
    }
    return undefined;
  };
}

function isoParam(name: string, value: string | undefined, fallback: Date): string {
  if (value === undefined) return fallback.toISOString();
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw errors.validation(name, [`${name}: Invalid date, expected ISO 8601 format (e.g. 2024-01-01T00:00:00.000Z)`]);
  return new Date(t).toISOString();
}

function decodeCursor(after: string): { published: string; uuid: string } {
  const [published, uuid] = Buffer.from(after, 'base64url').toString('utf8').split('|');
  if (!published || !uuid) throw errors.validation('after', ['after: Invalid cursor']);
  return { published, uuid };
}

/** `GET /api/v1/logs`: Okta's System Log query API. */
export async function systemLogRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get<{ Querystring: LogQuery }>('/logs', { schema: { querystring: LogQuery, response: { 200: Type.Array(LogEvent) } } }, async (request, reply) => {
    const query = request.query;
    const now = ctx.clock();
    const since = isoParam('since', query.since, new Date(now.getTime() - 7 * 24 * 3600 * 1000));
    const until = isoParam('until', query.until, new Date(now.getTime() + 1000));
    if (since > until) throw errors.validation('since', ['since: since must be earlier than until']);
    const { limit, after } = pageParams(query, 100, 1000);
    const descending = query.sortOrder === 'DESCENDING';

    let q = ctx.db.selectFrom('system_log').select('body').where('published', '>=', since).where('published', '<', until);
    if (query.filter) q = q.where(filterToSql('filter', query.filter, resolver(ctx)));
    for (const word of (query.q ?? '').split(/\s+/).filter(Boolean).slice(0, 10)) {
      const pattern = '%' + word.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c) + '%';
      q = q.where(sql<SqlBool>`lower(body) like ${pattern} escape '\\'`);
    }
    if (after) {
      const c = decodeCursor(after);
      q = descending
        ? q.where((eb) => eb.or([eb('published', '<', c.published), eb.and([eb('published', '=', c.published), eb('uuid', '<', c.uuid)])]))
        : q.where((eb) => eb.or([eb('published', '>', c.published), eb.and([eb('published', '=', c.published), eb('uuid', '>', c.uuid)])]));
    }
    const order = descending ? 'desc' : 'asc';
    const rows = await q.orderBy('published', order).orderBy('uuid', order).limit(limit + 1).execute();
    const events = rows.map((r) => JSON.parse(r.body) as LogEvent);
    const page = takePage(events, limit, (e) => Buffer.from(`${e.published}|${e.uuid}`).toString('base64url'));
    setLinkHeaders(request, reply, ctx.config.issuer, page.nextAfter);
    return page.items;
  });
}
