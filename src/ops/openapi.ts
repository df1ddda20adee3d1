/**
 * The OpenAPI 3.1 document of the routes this server serves (`GET /api/v1/openapi.json`), built from what
 * the routes declare: Fastify's onRoute hook collects each route's method, URL and TypeBox schemas (JSON
 * Schema already: OpenAPI 3.1 takes them as they are), and whether it needs the API token.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RouteOptions } from 'fastify';
import { routeNeedsApiToken } from '../identity/auth.js';

type Schema = Record<string, unknown>;

export interface RouteCatalog {
  /** The root instance's onRoute hook (add it before any route). */
  collect(route: RouteOptions): void;
  /** The document, built on first use (every route is known once the server listens). */
  document(serverUrl: string): Schema;
}

export function routeCatalog(): RouteCatalog {
  const routes: RouteOptions[] = [];
  let built: Schema | undefined;
  return {
    collect(route) { routes.push(route); },
    document(serverUrl) {
      built ??= openApiDocument(routes, serverUrl);
      return built;
    },
  };
}

/** `/api/v1/users/:userId` → `/api/v1/users/{userId}` (a regex after a name is dropped); undefined for wildcards. */
export function openApiPath(url: string): string | undefined {
  if (url.includes('*')) return undefined;
  return url.replace(/:([A-Za-z0-9_]+)(\([^)]*\))?/g, '{$1}');
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'options']);

export function openApiDocument(routes: readonly RouteOptions[], serverUrl: string): Schema {
  const paths: Record<string, Record<string, Schema>> = {};
  for (const route of routes) {
    const pathKey = openApiPath(route.url);
    if (!pathKey) continue;
    for (const method of (Array.isArray(route.method) ? route.method : [route.method]).map((m) => m.toLowerCase())) {
      if (!METHODS.has(method)) continue; // HEAD routes Fastify adds for each GET
      (paths[pathKey] ??= {})[method] = operationOf(route, pathKey);
    }
  }
  const sorted = Object.fromEntries(Object.keys(paths).sort().map((key) => [key, paths[key]]));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tollgate',
      version: packageVersion(),
      description: "The routes this Tollgate serves: Okta's management API, OAuth 2.0 / OIDC, hosted pages, Workflows and operations.",
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        SSWS: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'An API token: `SSWS <token>`' },
      },
    },
    paths: sorted,
  };
}

function operationOf(route: RouteOptions, pathKey: string): Schema {
  const schema = (route.schema ?? {}) as Record<string, unknown>;
  const parameters: Schema[] = [];
  const pathParams = plain(schema.params);
  const declared = new Set(Object.keys(propertiesOf(pathParams)));
  for (const [name, property] of Object.entries(propertiesOf(pathParams))) parameters.push({ name, in: 'path', required: true, schema: property });
  // Parameters in the URL that the route's schema does not describe.
  for (const [, name] of pathKey.matchAll(/\{([^}]+)\}/g)) {
    if (!declared.has(name)) parameters.push({ name, in: 'path', required: true, schema: { type: 'string' } });
  }
  const query = plain(schema.querystring);
  const required = new Set(Array.isArray(query?.required) ? (query.required as string[]) : []);
  for (const [name, property] of Object.entries(propertiesOf(query))) parameters.push({ name, in: 'query', required: required.has(name), schema: property });

  const operation: Schema = {};
  const tag = tagOf(pathKey);
  if (tag) operation.tags = [tag];
  if (parameters.length > 0) operation.parameters = parameters;
  const body = plain(schema.body);
  if (body) operation.requestBody = { required: true, content: { 'application/json': { schema: body } } };
  operation.responses = responsesOf(plain(schema.response));
  if (routeNeedsApiToken(route)) operation.security = [{ SSWS: [] }];
  return operation;
}

function responsesOf(response: Schema | undefined): Schema {
  if (!response) return { default: { description: 'The response' } };
  const out: Schema = {};
  for (const [code, body] of Object.entries(response)) {
    out[code.toUpperCase()] = { description: `HTTP ${code}`, content: { 'application/json': { schema: body } } };
  }
  return out;
}

/** `/api/v1/users/{id}` → users; `/api/workflows/v1/flows` → flows; `/oauth2/v1/token` → oauth2. */
function tagOf(pathKey: string): string | undefined {
  const parts = pathKey.split('/').filter(Boolean);
  const at = parts.findIndex((part) => /^v\d+$/.test(part));
  const first = parts[0] === 'api' && at > 0 ? parts[at + 1] : parts[0];
  return first && !first.startsWith('{') ? first.replace(/\..*$/, '') : undefined;
}

/** The schema as JSON (TypeBox's symbol keys dropped), or undefined. */
function plain(schema: unknown): Schema | undefined {
  if (!schema || typeof schema !== 'object') return undefined;
  return JSON.parse(JSON.stringify(schema)) as Schema;
}

function propertiesOf(schema: Schema | undefined): Record<string, Schema> {
  const properties = schema?.properties;
  return properties && typeof properties === 'object' ? (properties as Record<string, Schema>) : {};
}

let version: string | undefined;

/** Tollgate's version from its package.json, found above this file (in src/ and in the compiled dist/src/). */
function packageVersion(): string {
  if (version) return version;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'tollgate' && pkg.version) return (version = pkg.version);
    }
    dir = path.dirname(dir);
  }
  return (version = '0.0.0');
}
