import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import { jsonMember } from '../../platform/db/json.js';
import { errors } from '../../platform/errors.js';
import {
  compileFilter, filterToSql, FilterSyntaxError, parseFilter, type AttributeResolver, type FilterNode, type FilterValue,
} from '../../platform/filter.js';
import type { UserRow } from './user-json.js';

/** Top-level user properties that `filter` and `search` can use, and their columns (a Map: `constructor` is no column). */
const TOP_LEVEL = new Map<string, string>([
  ['id', 'users.id'],
  ['status', 'users.status'],
  ['created', 'users.created'],
  ['activated', 'users.activated'],
  ['statusChanged', 'users.status_changed'],
  ['lastUpdated', 'users.last_updated'],
  ['type.id', 'users.type_id'],
]);

/** Profile attributes that have their own column. */
const PROFILE_COLUMNS = new Map<string, string>([
  ['login', 'users.login'],
  ['email', 'users.email'],
  ['firstName', 'users.first_name'],
  ['lastName', 'users.last_name'],
]);

const ATTRIBUTE_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Okta's `filter` supports fewer properties, with `eq` (and ranges on timestamps). */
const FILTER_ATTRIBUTES = new Set(['status', 'lastUpdated', 'created', 'id', 'profile.login', 'profile.email', 'profile.firstName', 'profile.lastName']);
const RANGE_OPS = new Set(['eq', 'gt', 'ge', 'lt', 'le']);

function profileMember(ctx: AppContext, name: string, value: FilterValue): RawBuilder<unknown> {
  if (ctx.dialect === 'sqlite') return jsonMember('sqlite', 'users.profile', name);
  const text = jsonMember('postgres', 'users.profile', name);
  // On PostgreSQL the member is text: compare booleans as 0/1 and numbers as numbers, as on SQLite.
  if (typeof value === 'boolean') return sql`(case ${text} when 'true' then 1 when 'false' then 0 end)`;
  if (typeof value === 'number') return sql`(case when ${text} ~ '^-?[0-9]+(\\.[0-9]+)?$' then (${text})::numeric end)`;
  return text;
}

function resolver(ctx: AppContext, allowed?: Set<string>): AttributeResolver {
  return (attr, value) => {
    if (allowed && !allowed.has(attr)) return undefined;
    const top = TOP_LEVEL.get(attr);
    if (top) return sql.ref(top);
    if (!attr.startsWith('profile.')) return undefined;
    const name = attr.slice('profile.'.length);
    const column = PROFILE_COLUMNS.get(name);
    if (column) return sql.ref(column);
    return ATTRIBUTE_NAME.test(name) ? profileMember(ctx, name, value) : undefined;
  };
}

/** Array attributes match when any element matches (SCIM), so they compile to EXISTS over the elements. */
function arrayComparison(ctx: AppContext, node: Extract<FilterNode, { kind: 'cmp' }>, name: string): RawBuilder<SqlBool> {
  const elements = ctx.dialect === 'sqlite'
    ? sql`json_each(users.profile, ${'$.' + name})`
    : sql`jsonb_array_elements_text(case when jsonb_typeof(users.profile::jsonb -> ${name}::text) = 'array' then users.profile::jsonb -> ${name}::text else '[]'::jsonb end) as e(value)`;
  const inner = compileFilter({ ...node, attr: 'value' }, () => sql.ref('value'));
  if (node.op === 'pr') return sql<SqlBool>`exists (select 1 from ${elements})`;
  return sql<SqlBool>`exists (select 1 from ${elements} where ${inner})`;
}

function compileSearch(ctx: AppContext, node: FilterNode, arrays: Set<string>): RawBuilder<SqlBool> {
  switch (node.kind) {
    case 'and': return sql<SqlBool>`(${compileSearch(ctx, node.left, arrays)} and ${compileSearch(ctx, node.right, arrays)})`;
    case 'or': return sql<SqlBool>`(${compileSearch(ctx, node.left, arrays)} or ${compileSearch(ctx, node.right, arrays)})`;
    case 'not': return sql<SqlBool>`(not ${compileSearch(ctx, node.node, arrays)})`;
    case 'cmp': {
      // Okta's search has no `ne`: it suggests `lt … or … gt`.
      if (node.op === 'ne') throw new FilterSyntaxError('the ne operator is not supported');
      const name = node.attr.startsWith('profile.') ? node.attr.slice('profile.'.length) : undefined;
      if (name && arrays.has(name)) return arrayComparison(ctx, node, name);
      return compileFilter(node, resolver(ctx));
    }
  }
}

function checkFilterOps(node: FilterNode): void {
  if (node.kind === 'not') throw new FilterSyntaxError('not is not supported in filter');
  if (node.kind !== 'cmp') { checkFilterOps(node.left); checkFilterOps(node.right); return; }
  const ranged = node.attr === 'lastUpdated' || node.attr === 'created';
  if (ranged ? !RANGE_OPS.has(node.op) : node.op !== 'eq') throw new FilterSyntaxError(`${node.op} is not supported for ${node.attr}`);
}

async function arrayAttributeNames(db: Executor): Promise<Set<string>> {
  const rows = await db.selectFrom('user_schemas').select('custom').execute();
  const names = new Set<string>();
  for (const row of rows) {
    const custom = JSON.parse(row.custom) as { properties?: Record<string, { type?: string }> };
    for (const [name, attr] of Object.entries(custom.properties ?? {})) if (attr.type === 'array') names.add(name);
  }
  return names;
}

function likePrefix(s: string): string {
  return s.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c) + '%';
}

export interface UserListQuery {
  q?: string;
  filter?: string;
  search?: string;
  limit: number;
  after?: string;
}

/**
 * Okta's user list: `q` (starts-with on first name, last name, email, login), `filter` (a few properties),
 * `search` (any profile attribute, custom ones and arrays included). Without `filter` or `search`,
 * DEPROVISIONED users are left out, as Okta does. Ordered by id, which is the `after` cursor.
 */
export async function listUsers(ctx: AppContext, db: Executor, query: UserListQuery): Promise<UserRow[]> {
  let conditions: RawBuilder<SqlBool>[] = [];
  if (query.search) {
    const arrays = await arrayAttributeNames(db);
    try {
      conditions.push(compileSearch(ctx, parseFilter(query.search), arrays));
    } catch (e) {
      if (e instanceof FilterSyntaxError) throw errors.validation('search', [`search: Invalid search expression: ${e.message}`]);
      throw e;
    }
  }
  if (query.filter) {
    try {
      checkFilterOps(parseFilter(query.filter));
    } catch (e) {
      if (e instanceof FilterSyntaxError) throw errors.validation('filter', [`filter: Invalid filter expression: ${e.message}`]);
      throw e;
    }
    conditions.push(filterToSql('filter', query.filter, resolver(ctx, FILTER_ATTRIBUTES)));
  }
  if (query.q) {
    const p = likePrefix(query.q);
    conditions.push(sql<SqlBool>`(lower(users.first_name) like ${p} escape '\\' or lower(users.last_name) like ${p} escape '\\' or lower(users.email) like ${p} escape '\\' or users.login_lower like ${p} escape '\\')`);
  }
  if (!query.search && !query.filter) conditions.push(sql<SqlBool>`users.status <> 'DEPROVISIONED'`);
  if (query.after) conditions = [...conditions, sql<SqlBool>`users.id > ${query.after}`];
  let q = db.selectFrom('users').selectAll();
  for (const c of conditions) q = q.where(c);
  return q.orderBy('users.id', 'asc').limit(query.limit + 1).execute();
}
