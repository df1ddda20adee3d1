/**
 * Fastify's own serializer (fast-json-stringify from a route's response schema) on a copy of the schema
 * with two changes. No `required` lists: fast-json-stringify writes required properties before optional
 * ones, which would move an optional Okta key (a user's `transitioningToStatus`, a password in
 * `credentials`) from where Okta's JSON has it, and throws when a required one is missing; without them,
 * keys come in the schema's order, each written when present, as JSON.stringify writes them. And a part
 * marked `AsIs` (platform/schema-kit.ts) becomes `{}`, which fast-json-stringify hands to JSON.stringify.
 * The routes' schemas keep both for TypeScript and the OpenAPI document.
 */
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import { AS_IS } from '../schema-kit.js';

type SerializerFactory = ReturnType<typeof SerializerSelector>;

export const buildSerializer: SerializerFactory = (externalSchemas, options) => {
  const compile = SerializerSelector()(externalSchemas, options);
  return (route) => compile({ ...route, schema: serializable(route.schema) });
};

/** Keywords whose values are data, not schemas. */
const DATA = new Set(['const', 'enum', 'default', 'examples']);
/** Keywords whose values map names (any name, `required` and `enum` included) to schemas. */
const NAMED = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas']);

export function serializable(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(serializable);
  if (!schema || typeof schema !== 'object') return schema;
  if ((schema as Record<string, unknown>)[AS_IS] === true) return {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'required' && Array.isArray(value)) continue;
    if (NAMED.has(key) && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, serializable(s)]));
    } else {
      out[key] = DATA.has(key) ? value : serializable(value);
    }
  }
  return out;
}
