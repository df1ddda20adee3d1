import { isDeepStrictEqual } from 'node:util';
import { errors } from '../../platform/errors.js';
import { BASE_ATTRIBUTES, BASE_OVERRIDABLE, type SchemaAttribute } from './base-attributes.js';
import type { StoredSchema } from './profile-schema.service.js';
import { patternProblem } from '../../platform/linear-regex.js';

/** The body of Okta's partial schema update; read-only members (id, name, created…) are ignored. */
export interface SchemaUpdateBody {
  definitions?: {
    custom?: { properties?: Record<string, unknown> | null; [k: string]: unknown } | null;
    base?: { properties?: Record<string, unknown> | null; [k: string]: unknown } | null;
  } | null;
  [k: string]: unknown;
}

const TYPES = ['string', 'boolean', 'number', 'integer', 'array'] as const;
const ITEM_TYPES = ['string', 'number', 'integer', 'boolean'];
const FORMATS = ['country-code', 'date-time', 'email', 'encrypted', 'hashed', 'language-code', 'locale', 'ref-id', 'timezone', 'uri'];
const MUTABILITY = ['IMMUTABLE', 'READ_ONLY', 'READ_WRITE', 'WRITE_ONLY'];
const SCOPES = ['NONE', 'SELF'];
const ACTIONS = ['READ_ONLY', 'READ_WRITE', 'HIDE'];
const MASTER_TYPES = ['PROFILE_MASTER', 'OKTA', 'OVERRIDE'];
const ATTRIBUTE_KEYS = new Set([
  'title', 'description', 'type', 'required', 'format', 'minLength', 'maxLength', 'pattern', 'enum', 'oneOf', 'items',
  'unique', 'default', 'mutability', 'scope', 'permissions', 'master', 'externalName', 'externalNamespace',
]);
const NAME = /^[A-Za-z][A-Za-z0-9_]{0,254}$/;

type Causes = string[];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function matchesType(type: string, v: unknown): boolean {
  if (type === 'string') return typeof v === 'string';
  if (type === 'boolean') return typeof v === 'boolean';
  if (type === 'integer') return typeof v === 'number' && Number.isInteger(v);
  if (type === 'number') return typeof v === 'number' && Number.isFinite(v);
  return false;
}

function validRegex(p: string): boolean {
  return patternProblem(p) === undefined;
}

function checkPermissions(name: string, v: unknown, causes: Causes): void {
  if (v === undefined || v === null) return;
  if (!Array.isArray(v) || v.some((p) => !isObject(p) || typeof p.principal !== 'string' || !ACTIONS.includes(p.action as string))) {
    causes.push(`${name}.permissions: Each permission needs a principal and an action (${ACTIONS.join(', ')})`);
  }
}

function checkMaster(name: string, v: unknown, causes: Causes): void {
  if (v === undefined || v === null) return;
  if (!isObject(v) || !MASTER_TYPES.includes(v.type as string)) causes.push(`${name}.master: The type must be one of ${MASTER_TYPES.join(', ')}`);
}

function checkEnum(name: string, where: string, type: string, values: unknown, causes: Causes): void {
  if (values === undefined || values === null) return;
  if (!Array.isArray(values) || values.length === 0) { causes.push(`${name}.${where}: The enum must be a non-empty list`); return; }
  if (values.some((v) => !matchesType(type, v))) causes.push(`${name}.${where}: Every enum value must be of type ${type}`);
  if (new Set(values).size !== values.length) causes.push(`${name}.${where}: The enum values must be unique`);
}

function checkOneOf(name: string, where: string, enumValues: unknown, oneOf: unknown, causes: Causes): void {
  if (oneOf === undefined || oneOf === null) return;
  if (!Array.isArray(enumValues)) { causes.push(`${name}.${where}: oneOf can only be used with enum`); return; }
  const ok = Array.isArray(oneOf) && oneOf.every((o) => isObject(o) && typeof o.title === 'string' && o.title !== '')
    && isDeepStrictEqual(oneOf.map((o) => (o as Record<string, unknown>).const), enumValues);
  if (!ok) causes.push(`${name}.${where}: oneOf must list every enum value, in order, each with a const and a title`);
}

/** Validates one custom attribute definition and returns it with Okta's defaults filled in. */
function customAttribute(name: string, def: unknown, existing: SchemaAttribute | undefined, causes: Causes): SchemaAttribute | undefined {
  if (!isObject(def)) { causes.push(`${name}: The attribute definition must be an object`); return undefined; }
  const before = causes.length;
  for (const key of Object.keys(def)) if (!ATTRIBUTE_KEYS.has(key)) causes.push(`${name}: Unknown attribute property '${key}'`);
  const type = def.type as string;
  if (!TYPES.includes(type as (typeof TYPES)[number])) causes.push(`${name}.type: The type must be one of ${TYPES.join(', ')}`);
  else if (existing && existing.type !== type) causes.push(`${name}.type: The type of an existing attribute cannot be changed`);
  if (typeof def.title !== 'string' || def.title.trim() === '') causes.push(`${name}.title: The field cannot be left blank`);
  if (def.description !== undefined && def.description !== null && typeof def.description !== 'string') causes.push(`${name}.description: The value must be a string`);
  if (def.required !== undefined && def.required !== null && typeof def.required !== 'boolean') causes.push(`${name}.required: The value must be a boolean`);
  const unique = def.unique === 'UNIQUE_VALIDATED' ? true : def.unique === 'NOT_UNIQUE' ? false : def.unique;
  if (unique !== undefined && unique !== null && typeof unique !== 'boolean') causes.push(`${name}.unique: The value must be a boolean`);
  if (unique === true && type === 'array') causes.push(`${name}.unique: Array attributes cannot be unique`);
  for (const key of ['minLength', 'maxLength'] as const) {
    const v = def[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) causes.push(`${name}.${key}: The value must be a non-negative integer`);
    else if (type !== 'string') causes.push(`${name}.${key}: Only string attributes have a length`);
  }
  if (typeof def.minLength === 'number' && typeof def.maxLength === 'number' && def.minLength > def.maxLength) {
    causes.push(`${name}.minLength: The minimum length cannot be greater than the maximum length`);
  }
  if (def.pattern !== undefined && def.pattern !== null) {
    if (type !== 'string' || typeof def.pattern !== 'string' || !validRegex(def.pattern)) causes.push(`${name}.pattern: The pattern must be a valid regular expression on a string attribute`);
  }
  if (def.format !== undefined && def.format !== null && (type !== 'string' || !FORMATS.includes(def.format as string))) {
    causes.push(`${name}.format: The format must be one of ${FORMATS.join(', ')} on a string attribute`);
  }
  if (type === 'array') {
    const items = def.items;
    if (!isObject(items) || !ITEM_TYPES.includes(items.type as string)) causes.push(`${name}.items: An array attribute needs items with a type (${ITEM_TYPES.join(', ')})`);
    else {
      checkEnum(name, 'items.enum', items.type as string, items.enum, causes);
      checkOneOf(name, 'items.oneOf', items.enum, items.oneOf, causes);
    }
    if (def.enum !== undefined && def.enum !== null) causes.push(`${name}.enum: Put the enum of an array attribute in items`);
  } else if (TYPES.includes(type as (typeof TYPES)[number])) {
    if (type === 'boolean' && def.enum !== undefined && def.enum !== null) causes.push(`${name}.enum: Boolean attributes cannot have an enum`);
    else checkEnum(name, 'enum', type, def.enum, causes);
    checkOneOf(name, 'oneOf', def.enum, def.oneOf, causes);
  }
  if (def.default !== undefined && def.default !== null && TYPES.includes(type as (typeof TYPES)[number])) {
    const ok = type === 'array'
      ? Array.isArray(def.default) && isObject(def.items) && def.default.every((v) => matchesType(String((def.items as Record<string, unknown>).type), v))
      : matchesType(type, def.default);
    if (!ok) causes.push(`${name}.default: The default value must be of type ${type}`);
  }
  if (def.mutability !== undefined && !MUTABILITY.includes(def.mutability as string)) causes.push(`${name}.mutability: The value must be one of ${MUTABILITY.join(', ')}`);
  if (def.scope !== undefined && !SCOPES.includes(def.scope as string)) causes.push(`${name}.scope: The value must be one of ${SCOPES.join(', ')}`);
  checkPermissions(name, def.permissions, causes);
  checkMaster(name, def.master, causes);
  if (causes.length > before) return undefined;

  const attr: SchemaAttribute = {
    ...(def as Partial<SchemaAttribute>),
    title: def.title as string,
    type: type as SchemaAttribute['type'],
    mutability: (def.mutability as string | undefined) ?? 'READ_WRITE',
    scope: (def.scope as string | undefined) ?? 'NONE',
    permissions: (def.permissions as SchemaAttribute['permissions'] | undefined) ?? [{ principal: 'SELF', action: 'READ_ONLY' }],
    master: (def.master as SchemaAttribute['master'] | undefined) ?? { type: 'PROFILE_MASTER' },
  };
  if (unique !== undefined) attr.unique = unique as boolean | null;
  for (const key of Object.keys(attr) as Array<keyof SchemaAttribute>) if (attr[key] === undefined) delete attr[key];
  return attr;
}

/** Applies the allowed changes to one base attribute; unchanged read-only members are accepted as they are. */
function baseOverride(name: string, def: unknown, current: Partial<SchemaAttribute>, causes: Causes): Partial<SchemaAttribute> | undefined {
  if (def === null) { causes.push(`${name}: Base attributes cannot be removed`); return undefined; }
  if (!isObject(def)) { causes.push(`${name}: The attribute definition must be an object`); return undefined; }
  const allowed = BASE_OVERRIDABLE[name];
  const effective = { ...BASE_ATTRIBUTES[name], ...current } as Record<string, unknown>;
  const next: Record<string, unknown> = { ...current };
  const norm = (key: string, v: unknown) => (v === undefined || (key === 'required' && v === false) ? null : v);
  for (const [key, value] of Object.entries(def)) {
    if (!allowed.includes(key)) {
      if (!isDeepStrictEqual(norm(key, value), norm(key, effective[key]))) causes.push(`${name}.${key}: This property of a base attribute cannot be changed`);
      continue;
    }
    if (key === 'title' && (typeof value !== 'string' || value.trim() === '')) causes.push(`${name}.title: The field cannot be left blank`);
    else if (key === 'description' && value !== null && typeof value !== 'string') causes.push(`${name}.description: The value must be a string`);
    else if (key === 'required' && typeof value !== 'boolean') causes.push(`${name}.required: The value must be a boolean`);
    else if (key === 'pattern' && value !== null && (typeof value !== 'string' || !validRegex(value))) causes.push(`${name}.pattern: The pattern must be a valid regular expression`);
    else if (key === 'permissions') checkPermissions(name, value, causes);
    else if (key === 'master') checkMaster(name, value, causes);
    next[key] = value;
  }
  return next as Partial<SchemaAttribute>;
}

/**
 * Computes a schema after Okta's partial update, or throws E0000001 listing every problem. Custom
 * attributes set to null are removed; names differing only by case from another attribute are refused.
 */
export function applySchemaUpdate(stored: StoredSchema, body: SchemaUpdateBody): {
  custom: { properties: Record<string, SchemaAttribute>; required: string[] };
  baseOverrides: Record<string, Partial<SchemaAttribute>>;
  removed: string[];
} {
  if (!isObject(body)) throw errors.malformedBody();
  const causes: Causes = [];
  const properties = { ...stored.custom.properties };
  const baseOverrides = { ...stored.baseOverrides };
  const removed: string[] = [];
  const customUpdates = body.definitions?.custom?.properties;
  const baseUpdates = body.definitions?.base?.properties;
  if (customUpdates !== undefined && customUpdates !== null && !isObject(customUpdates)) causes.push('definitions.custom.properties: The value must be an object');
  if (baseUpdates !== undefined && baseUpdates !== null && !isObject(baseUpdates)) causes.push('definitions.base.properties: The value must be an object');

  const baseLower = new Set(Object.keys(BASE_ATTRIBUTES).map((n) => n.toLowerCase()));
  for (const [name, def] of Object.entries(isObject(customUpdates) ? customUpdates : {})) {
    if (!NAME.test(name)) { causes.push(`${name}: The attribute name must start with a letter and contain only letters, digits and underscores`); continue; }
    if (baseLower.has(name.toLowerCase())) { causes.push(`${name}: An attribute with this name already exists in the base schema`); continue; }
    const clash = Object.keys(properties).find((n) => n !== name && n.toLowerCase() === name.toLowerCase());
    if (clash) { causes.push(`${name}: An attribute named '${clash}' already exists`); continue; }
    if (def === null) {
      if (Object.hasOwn(properties, name)) { delete properties[name]; removed.push(name); }
      continue;
    }
    const attr = customAttribute(name, def, Object.hasOwn(stored.custom.properties, name) ? stored.custom.properties[name] : undefined, causes);
    if (attr) properties[name] = attr;
  }
  for (const [name, def] of Object.entries(isObject(baseUpdates) ? baseUpdates : {})) {
    // Own properties only: `constructor` or `toString` is no base attribute.
    if (!Object.hasOwn(BASE_ATTRIBUTES, name)) { causes.push(`${name}: Not a base attribute; custom attributes belong in definitions.custom`); continue; }
    const next = baseOverride(name, def, Object.hasOwn(stored.baseOverrides, name) ? stored.baseOverrides[name] : {}, causes);
    if (next) baseOverrides[name] = next;
  }
  if (causes.length) throw errors.validation(causes[0].split(/[.:]/)[0], causes);
  const required = Object.entries(properties).filter(([, a]) => a.required === true).map(([n]) => n);
  return { custom: { properties, required }, baseOverrides, removed };
}
