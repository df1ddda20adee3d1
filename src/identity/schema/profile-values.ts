import type { SchemaAttribute } from './base-attributes.js';
import { matchesWhole } from '../../platform/linear-regex.js';

/*
 * Checks of one profile value against its attribute definition. Each returns Okta's problem text (without
 * the attribute name), or undefined when the value is acceptable. `undefined` and `null` mean "not set".
 */
export function requiredProblem(attr: SchemaAttribute, value: unknown, _name?: string): string | undefined {
  if (!attr.required) return undefined;
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return 'The field cannot be left blank';
  return undefined;
}

export function valueProblem(attr: SchemaAttribute, value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) {
    // Okta reports a missing login twice: blank, and not an email address.
    return name === 'login' && attr.required && !attr.pattern ? 'Username must be in the form of an email address' : undefined;
  }
  if (attr.type === 'array') {
    if (!Array.isArray(value)) return 'The value must be an array';
    const itemType = attr.items?.type ?? 'string';
    for (const item of value) {
      if (!hasType(itemType, item)) return `Each item must be of type ${itemType}`;
      const allowed = attr.items?.enum;
      if (allowed && !allowed.includes(item as string | number)) return `Does not match required enum value`;
    }
    return undefined;
  }
  if (!hasType(attr.type, value)) return `The value must be of type ${attr.type}`;
  if (attr.enum && !attr.enum.includes(value as string | number)) return 'Does not match required enum value';
  if (typeof value !== 'string') return undefined;
  if (value === '' && !attr.required) return undefined;
  if (typeof attr.minLength === 'number' && value.length < attr.minLength) return `The field is too short (minimum length: ${attr.minLength})`;
  if (typeof attr.maxLength === 'number' && value.length > attr.maxLength) return `The field is too long (maximum length: ${attr.maxLength})`;
  if (name === 'login') return loginProblem(attr, value);
  if (attr.pattern && !fullMatch(attr.pattern, value)) return 'Does not match required pattern';
  if (attr.format && !formatOk(attr.format, value)) return 'Does not match required pattern';
  return undefined;
}


function hasType(type: string, value: unknown): boolean {
  switch (type) {
    case 'string': return typeof value === 'string';
    case 'boolean': return typeof value === 'boolean';
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'integer': return typeof value === 'number' && Number.isInteger(value);
    default: return false;
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * Okta's login rule: without a `pattern`, the login must look like an email address; `.+` allows anything
 * non-empty; `[…]+` restricts the characters.
 */
function loginProblem(attr: SchemaAttribute, value: string): string | undefined {
  if (!attr.pattern) return EMAIL.test(value) ? undefined : 'Username must be in the form of an email address';
  return fullMatch(attr.pattern, value) ? undefined : 'Does not match required pattern';
}

function fullMatch(pattern: string, value: string): boolean {
  try {
    return matchesWhole(pattern, value);
  } catch {
    return false;
  }
}

function formatOk(format: string, value: string): boolean {
  switch (format) {
    case 'email': return EMAIL.test(value);
    case 'uri': return URL.canParse(value);
    case 'country-code': return /^[A-Za-z]{2}$/.test(value);
    case 'language-code': return /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(value);
    case 'locale': return /^[a-z]{2,3}(_[A-Z]{2})?$/.test(value);
    case 'timezone': return validTimeZone(value);
    default: return true;
  }
}

function validTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
