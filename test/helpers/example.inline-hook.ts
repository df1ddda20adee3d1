/**
 * A made-up inline hook type, declared the way each of Okta's six is: everything Tollgate needs to know about
 * it is in this one file (its contract, request, reply rules, failure rule and preview), and a server learns
 * it from one entry of its `inlineHookTypes`. The "flow" is a greeting that the hook may change.
 */
import { randomBytes } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../src/platform/context.js';
import type { AuditContext } from '../../src/events/log-event.js';
import { defineInlineHook } from '../../src/hooks/inline/hook-type.js';
import { callInlineHook, type HookCallResult } from '../../src/hooks/inline/runner.js';

export const GREETING_UPDATE = 'com.example.greeting.update';

export interface GreetingInput {
  greeting: string;
  /** Who is greeted. */
  login: string;
}

function buildGreetingRequest(ctx: AppContext, input: GreetingInput, hook: { id: string }): Record<string, unknown> {
  return {
    eventId: randomBytes(16).toString('base64url'),
    eventTime: ctx.clock().toISOString(),
    eventType: 'com.example.test.transform',
    eventTypeVersion: '1.0',
    contentType: 'application/json',
    cloudEventVersion: '0.1',
    source: `${ctx.config.issuer}/api/v1/inlineHooks/${hook.id}`,
    data: { greeting: input.greeting, user: { login: input.login } },
  };
}

/** The greeting a call decides on: the reply's, else the one sent (the type fails open). */
export function greetingOutcome(result: HookCallResult, sent: string): { greeting: string; changed: boolean; reason?: string } {
  if (!result.ok) return { greeting: sent, changed: false, reason: result.error };
  const update = result.reply.commands.find((c) => c.type === GREETING_UPDATE);
  return update ? { greeting: (update.value as { greeting: string }).greeting, changed: true } : { greeting: sent, changed: false };
}

const sentGreeting = (payload: Record<string, unknown>) => String((payload.data as { greeting?: unknown } | undefined)?.greeting ?? '');

export const exampleHookType = defineInlineHook({
  type: 'com.example.test.transform',
  name: 'Example Transform',
  description: 'A test type: may change the greeting a person sees.',
  alias: 'example',
  retries: false,
  failure: 'open',
  commands: {
    [GREETING_UPDATE]: Type.Object({ greeting: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }),
  },
  buildRequest: buildGreetingRequest,
  /** A rule the schema cannot say: the greeting may not shout. */
  checkReply(_ctx, reply) {
    const shouting = reply.commands.find((c) => c.type === GREETING_UPDATE && /!{2,}/.test((c.value as { greeting: string }).greeting));
    return shouting ? `${GREETING_UPDATE}: the greeting may not shout` : undefined;
  },
  preview: {
    requestTypes: [''],
    sample: (ctx, hook) => buildGreetingRequest(ctx, { greeting: 'Hello', login: 'rosario.jones@example.com' }, hook),
    decide(_ctx, _hook, payload, result) {
      const outcome = greetingOutcome(result, sentGreeting(payload));
      return outcome.changed
        ? { result: 'CHANGED', greeting: outcome.greeting, summary: `The person is greeted with "${outcome.greeting}".` }
        : { result: 'UNCHANGED', greeting: outcome.greeting, summary: `Fails open: the person is greeted with "${outcome.greeting}"${outcome.reason ? ` (${outcome.reason})` : ''}.` };
    },
  },
});

/** The flow's call: the hook named, if it is an active hook of this type, decides the greeting. */
export async function runGreetingHook(ctx: AppContext, audit: AuditContext, hookId: string, input: GreetingInput) {
  const hook = await ctx.db.selectFrom('inline_hooks').selectAll().where('id', '=', hookId).executeTakeFirst();
  if (!hook || hook.status !== 'ACTIVE' || hook.type !== exampleHookType.type) return { greeting: input.greeting, changed: false };
  const { result } = await callInlineHook(ctx, audit, hook, exampleHookType, input);
  return greetingOutcome(result, input.greeting);
}
