/**
 * The reply every inline hook type shares (reference §2.3): `{commands?, error?, debugContext?}`. Parsing is
 * strict about what Tollgate acts on (each command must be one the hook type allows, with a `value` of the
 * right shape) and lenient about the rest (extra top-level members and `null`s are ignored).
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { InlineHookTypeDefinition } from './hook-type.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../platform/json-depth.js';

const ErrorCauseSchema = Type.Object({
  errorSummary: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
  locationType: Type.Optional(Type.String()),
  location: Type.Optional(Type.String()),
  domain: Type.Optional(Type.String()),
});

const HookErrorSchema = Type.Object({
  errorSummary: Type.Optional(Type.String()),
  errorCauses: Type.Optional(Type.Union([Type.Null(), Type.Array(ErrorCauseSchema)])),
});

const ReplySchema = Type.Object({
  commands: Type.Optional(Type.Union([Type.Null(), Type.Array(Type.Object({ type: Type.String(), value: Type.Unknown() }))])),
  error: Type.Optional(Type.Union([Type.Null(), HookErrorSchema])),
  debugContext: Type.Optional(Type.Union([Type.Null(), Type.Record(Type.String(), Type.Unknown())])),
});

export type HookErrorCause = Static<typeof ErrorCauseSchema>;
export type HookError = Static<typeof HookErrorSchema>;

export interface HookCommand {
  type: string;
  value: unknown;
}

/** A reply that passed validation. An empty reply (204 or no body) is `{commands: [], error: null}`. */
export interface HookReply {
  commands: HookCommand[];
  error: HookError | null;
  debugContext: Record<string, unknown> | null;
}

export const EMPTY_REPLY: HookReply = { commands: [], error: null, debugContext: null };

const replyCheck = TypeCompiler.Compile(ReplySchema);
const commandChecks = new WeakMap<TSchema, TypeCheck<TSchema>>();

function compiled(schema: TSchema): TypeCheck<TSchema> {
  let check = commandChecks.get(schema);
  if (!check) {
    check = TypeCompiler.Compile(schema);
    commandChecks.set(schema, check);
  }
  return check;
}

function firstError(check: TypeCheck<TSchema>, value: unknown): string {
  const e = check.Errors(value).First();
  return e ? `${e.path || '/'}: ${e.message}` : 'invalid';
}

/**
 * Parses and validates a reply body against the hook type. Returns the reply, or the reason it is invalid
 * (the reason is recorded and shown to admins, so it says exactly what is wrong).
 */
export function parseHookReply(definition: InlineHookTypeDefinition, body: string): { reply: HookReply } | { invalid: string; json?: unknown } {
  if (body.trim() === '') return { reply: EMPTY_REPLY };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { invalid: 'The reply is not valid JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { invalid: 'The reply must be a JSON object', json };
  // Checked before anything walks it: 256 KB of brackets would overflow the stack of every recursive reader.
  if (nestsDeeperThan(json)) return { invalid: `The reply nests deeper than ${MAX_JSON_DEPTH} levels` };
  if (!replyCheck.Check(json)) return { invalid: `The reply does not match the inline hook response format (${firstError(replyCheck, json)})`, json };

  const commands = json.commands ?? [];
  for (const [i, command] of commands.entries()) {
    // Own properties only: a reply's `"type": "__proto__"` or `"constructor"` names no command.
    const schema = Object.hasOwn(definition.commands, command.type) ? definition.commands[command.type] : undefined;
    if (!schema) {
      return { invalid: `commands[${i}].type '${command.type}' is not a command of ${definition.type} hooks (allowed: ${Object.keys(definition.commands).join(', ')})`, json };
    }
    const check = compiled(schema);
    if (!check.Check(command.value)) return { invalid: `commands[${i}].value is invalid for ${command.type} (${firstError(check, command.value)})`, json };
  }
  return { reply: { commands, error: json.error ?? null, debugContext: json.debugContext ?? null } };
}
