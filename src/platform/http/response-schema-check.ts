/**
 * A guard for the test suite: a route's `response` schema makes Fastify serialize with fast-json-stringify,
 * which drops properties the schema does not list, coerces values to the declared types, writes a
 * `Type.Literal`'s constant whatever the value, and orders keys as the schema lists them. With
 * TOLLGATE_CHECK_RESPONSE_SCHEMAS=1 (vitest.config.ts sets it) every JSON answer is compared with
 * JSON.stringify of the same value, which is what Fastify sends without a schema; a difference fails the
 * request with a 500 naming the route. So the suite proves the schemas leave Okta's wire output alone.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';

const PLAIN = Symbol('plainJson');
type Marked = FastifyReply & { [PLAIN]?: string };

export function responseSchemaCheckEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.TOLLGATE_CHECK_RESPONSE_SCHEMAS === '1';
}

/** Adds the check to the root instance (before any route, so its onSend runs before the others'). */
export function checkResponseSchemas(app: FastifyInstance): void {
  // Runs only for object payloads, just before Fastify serializes them.
  app.addHook('preSerialization', (_request, reply, payload, done) => {
    (reply as Marked)[PLAIN] = JSON.stringify(payload);
    done(null, payload);
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    const plain = (reply as Marked)[PLAIN];
    (reply as Marked)[PLAIN] = undefined;
    if (plain === undefined || typeof payload !== 'string' || payload === plain) return done(null, payload);
    const at = firstDifference(plain, payload);
    const around = (text: string) => JSON.stringify(text.slice(Math.max(0, at - 60), at + 60));
    const message = `The response schema of ${request.method} ${request.routeOptions.url} (${reply.statusCode}) changes the answer at ${at}: `
      + `without it ${around(plain)}, with it ${around(payload)}`;
    request.log.error(message);
    done(new Error(message));
  });
}

function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
