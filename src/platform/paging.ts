import type { FastifyReply, FastifyRequest } from 'fastify';
import { errors } from './errors.js';

export interface PageParams {
  limit: number;
  after?: string;
}

/** Reads `limit` (1..max, default `def`) and `after`, answering E0000001 for a bad limit. */
export function pageParams(query: { limit?: string | number; after?: string }, def = 200, max = 200): PageParams {
  let limit = def;
  if (query.limit !== undefined && query.limit !== '') {
    limit = Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1) throw errors.validation('limit', ['limit: The limit must be a positive integer']);
    limit = Math.min(limit, max);
  }
  return { limit, after: query.after || undefined };
}

/**
 * Sets Okta's `Link` headers: `rel="self"` always, `rel="next"` when there is a further page. `nextAfter` is
 * the cursor of the last item returned when more exist.
 */
export function setLinkHeaders(request: FastifyRequest, reply: FastifyReply, baseUrl: string, nextAfter: string | undefined): void {
  const url = new URL(request.url, baseUrl + '/');
  const self = new URL(url.pathname + url.search, baseUrl);
  const links = [`<${self.toString()}>; rel="self"`];
  if (nextAfter !== undefined) {
    const next = new URL(self);
    next.searchParams.set('after', nextAfter);
    links.push(`<${next.toString()}>; rel="next"`);
  }
  reply.header('link', links);
}

/** Fetch `limit + 1` rows, then call this: it trims the extra row and tells the cursor of the next page. */
export function takePage<T>(rows: T[], limit: number, cursorOf: (row: T) => string): { items: T[]; nextAfter?: string } {
  if (rows.length <= limit) return { items: rows };
  const items = rows.slice(0, limit);
  return { items, nextAfter: cursorOf(items[items.length - 1]) };
}
