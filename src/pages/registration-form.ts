import type { AppContext } from '../platform/context.js';
import type { Executor } from '../platform/db/index.js';
import { activePasswordComplexity, type PasswordComplexity } from '../identity/policies/password-policy.js';
import type { ProfileEnrollment } from '../identity/policies/policies.service.js';
import { formAttributes } from '../journeys/registration.service.js';
import { getUserSchema, type SchemaAttribute } from '../identity/schema/profile-schema.service.js';

/**
 * The sign-up form as data, shared by the hosted `/signup` page and Okta Classic's
 * `GET /api/v1/registration/form`: the rule's fields in order, with their schema definitions.
 */
export interface FormField {
  name: string;
  label: string;
  required: boolean;
  /** The attribute in the user schema; undefined for a form field outside the schema (sent to the hook only). */
  attribute?: SchemaAttribute;
}

export interface RegistrationForm {
  enrollment: ProfileEnrollment;
  fields: FormField[];
  password: PasswordComplexity;
}

export async function loadRegistrationForm(ctx: AppContext, db: Executor, enrollment: ProfileEnrollment): Promise<RegistrationForm> {
  const schema = await getUserSchema(ctx, db);
  const definitions = { ...schema.definitions.base.properties, ...schema.definitions.custom.properties };
  const fields = formAttributes(enrollment).map((a) => ({
    name: a.name, label: a.label || definitions[a.name]?.title || a.name, required: !!a.required,
    attribute: Object.hasOwn(definitions, a.name) ? definitions[a.name] : undefined,
  }));
  return { enrollment, fields, password: await activePasswordComplexity(ctx, db) };
}

/** The password rules as a sentence for the form's hint. */
export function passwordHint(rules: PasswordComplexity): string {
  const parts: string[] = [];
  if (rules.minLength) parts.push(`at least ${rules.minLength} characters`);
  if (rules.minLowerCase) parts.push('a lowercase letter');
  if (rules.minUpperCase) parts.push('an uppercase letter');
  if (rules.minNumber) parts.push('a number');
  if (rules.minSymbol) parts.push('a symbol');
  if (rules.excludeUsername) parts.push('no parts of your username');
  return parts.length ? `Password requirements: ${parts.join(', ')}.` : '';
}

/**
 * Form posts carry text: turn each field's text into the schema type of its attribute (numbers, booleans,
 * arrays), so that validation and the hook see the same values an API caller would send. Text that does not
 * convert is kept as is and fails validation with Okta's message.
 */
export function typedFormValues(fields: FormField[], submitted: Record<string, string | undefined>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const text = submitted[field.name];
    if (text === undefined) continue;
    out[field.name] = convert(field.attribute, text.trim());
  }
  return out;
}

function convert(attr: SchemaAttribute | undefined, text: string): unknown {
  if (!attr || text === '') return text;
  switch (attr.type) {
    case 'boolean':
      return text === 'true' || text === 'on' ? true : text === 'false' ? false : text;
    case 'number':
    case 'integer': {
      const n = Number(text);
      return Number.isFinite(n) ? n : text;
    }
    case 'array': {
      const items = text.split(',').map((s) => s.trim()).filter(Boolean);
      const itemType = attr.items?.type;
      return itemType === 'number' || itemType === 'integer' ? items.map((s) => (Number.isFinite(Number(s)) ? Number(s) : s)) : items;
    }
    default:
      return text;
  }
}
