/**
 * `GET/POST /signin/profile`: progressive profiling on the hosted pages. After sign-in, a user who lacks a
 * required attribute of the user profile policy (progressive profiling ENABLED) fills it in here; the
 * registration inline hook sees it as a `progressive.profile` request (see progressive-profile.service.ts).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { auditOf } from '../identity/auth.js';
import {
  PROGRESSIVE_PROFILE_URL, progressiveProfileFor, submitProgressiveProfile, type ProgressiveField,
} from '../journeys/progressive-profile.service.js';
import type { RegistrationFieldError } from '../journeys/registration.service.js';
import { userActor } from '../identity/sessions/sessions.service.js';
import { PROGRESSIVE_PROFILE_PATH, withFromURI } from './factors/sign-in-steps.js';
import { html, layout, type SafeHtml } from '../platform/html/layout.js';
import { csrfTokenFor, formValue, guardFormPost, redirect, sendHtml } from '../platform/html/page-kit.js';
import { currentSession } from '../identity/sessions/current-session.js';
import { typedFormValues } from './registration-form.js';
import { safeReturnPath } from '../platform/http/return-path.js';

const FieldValue = Type.Union([Type.String({ maxLength: 4096 }), Type.Array(Type.String({ maxLength: 4096 }), { maxItems: 10 })]);
const ProfileBody = Type.Record(Type.String({ maxLength: 128 }), FieldValue, { maxProperties: 64 });
const ProfileQuery = Type.Object({ fromURI: Type.Optional(Type.String({ maxLength: 4096 })) });

interface ProfileView {
  csrfToken: string;
  displayName: string;
  fields: ProgressiveField[];
  values: Record<string, string>;
  fromURI?: string;
  message?: string;
  fieldErrors?: RegistrationFieldError[];
}

const fieldId = (name: string) => 'f-' + name.replace(/[^A-Za-z0-9_-]/g, '_');
const errorId = (name: string) => 'e-' + name.replace(/[^A-Za-z0-9_-]/g, '_');

function inputFor(field: ProgressiveField, value: string, invalid: boolean): SafeHtml {
  const attr = field.attribute;
  const common = html`id="${fieldId(field.name)}" name="${field.name}" ${field.required ? html`required aria-required="true"` : ''}
      aria-invalid="${invalid ? 'true' : 'false'}" ${invalid ? html`aria-describedby="${errorId(field.name)}"` : ''}`;
  const choices = attr.oneOf ?? attr.enum?.map((v) => ({ const: v, title: String(v) }));
  if (choices && attr.type !== 'array') {
    return html`<select ${common}><option value="">Choose…</option>
      ${choices.map((c) => html`<option value="${String(c.const)}" ${String(c.const) === value ? 'selected' : ''}>${c.title}</option>`)}</select>`;
  }
  if (attr.type === 'boolean') return html`<input type="checkbox" value="true" ${value === 'true' ? 'checked' : ''} ${common}>`;
  const type = attr.format === 'email' ? 'email' : attr.format === 'uri' ? 'url' : attr.type === 'number' || attr.type === 'integer' ? 'number' : 'text';
  return html`<input type="${type}" value="${value}" ${common} ${typeof attr.maxLength === 'number' ? html`maxlength="${attr.maxLength}"` : ''}>`;
}

function profilePage(view: ProfileView): string {
  const errorsOf = (name: string) => (view.fieldErrors ?? []).filter((e) => e.field === name).map((e) => e.message);
  const labels = new Map(view.fields.map((f) => [f.name, f.label]));
  const items = (view.fieldErrors ?? []).map((e) => (labels.has(e.field)
    ? html`<li><a href="#${fieldId(e.field)}">${labels.get(e.field)}: ${e.message}</a></li>`
    : html`<li>${e.message}</li>`));
  return layout({
    title: 'Additional profile information',
    signedIn: { displayName: view.displayName, csrfToken: view.csrfToken },
    body: html`<h1>Additional profile information</h1>
${view.message ? html`<div class="error-summary" role="alert" id="error-summary" tabindex="-1">
  <h2>${view.message}</h2>
  ${items.length ? html`<ul>${items}</ul>` : ''}
</div>` : ''}
<p>Your organization needs a little more information before you continue.</p>
<form method="post" action="${PROGRESSIVE_PROFILE_PATH}" novalidate>
  <input type="hidden" name="csrfToken" value="${view.csrfToken}">
  ${view.fromURI ? html`<input type="hidden" name="fromURI" value="${view.fromURI}">` : ''}
  ${view.fields.map((field) => {
    const errors = errorsOf(field.name);
    return html`<div class="field">
    <label for="${fieldId(field.name)}">${field.label}${field.required ? html` <span class="req" aria-hidden="true">*</span>` : ''}</label>
    ${inputFor(field, view.values[field.name] ?? '', errors.length > 0)}
    ${errors.length ? html`<p class="field-error" id="${errorId(field.name)}">${errors.join(' ')}</p>` : ''}
  </div>`;
  })}
  <button type="submit">Finish</button>
</form>`,
  });
}

async function signedIn(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, fromURI: string | undefined) {
  const found = await currentSession(ctx, request);
  if (!found) redirect(reply, withFromURI('/signin', fromURI), 302);
  return found;
}

export async function progressiveProfilePages(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get(PROGRESSIVE_PROFILE_PATH, { schema: { querystring: ProfileQuery } }, async (request, reply) => {
    const fromURI = safeReturnPath((request.query as typeof ProfileQuery.static).fromURI, ctx.config.issuer);
    const found = await signedIn(ctx, request, reply, fromURI);
    if (!found) return reply;
    const form = await progressiveProfileFor(ctx, found.user);
    if (!form) return redirect(reply, fromURI ?? '/app/me', 302);
    const displayName = [found.user.first_name, found.user.last_name].filter(Boolean).join(' ') || found.user.login;
    return sendHtml(reply, 200, profilePage({ csrfToken: csrfTokenFor(ctx, request, reply), displayName, fields: form.fields, values: {}, fromURI }));
  });

  app.post(PROGRESSIVE_PROFILE_PATH, { schema: { body: ProfileBody } }, async (request, reply) => {
    if (!(await guardFormPost(ctx, request, reply, { route: PROGRESSIVE_PROFILE_PATH, backTo: PROGRESSIVE_PROFILE_PATH }))) return reply;
    const body = request.body as Record<string, string | string[]>;
    const fromURI = safeReturnPath(formValue(body.fromURI), ctx.config.issuer);
    const found = await signedIn(ctx, request, reply, fromURI);
    if (!found) return reply;
    const form = await progressiveProfileFor(ctx, found.user);
    if (!form) return redirect(reply, fromURI ?? '/app/me');
    const submitted: Record<string, string> = {};
    for (const field of form.fields) {
      const value = formValue(body[field.name]);
      if (value !== undefined) submitted[field.name] = value;
    }
    const audit = { ...auditOf(request), actor: userActor(found.user), sessionId: found.session.id };
    const result = await submitProgressiveProfile(ctx, audit, found.user.id, typedFormValues(form.fields, submitted), {
      id: String(request.id), method: 'POST', url: PROGRESSIVE_PROFILE_URL, ipAddress: request.ip ?? null,
    });
    if (result.ok) return redirect(reply, fromURI ?? '/app/me');
    const displayName = [found.user.first_name, found.user.last_name].filter(Boolean).join(' ') || found.user.login;
    return sendHtml(reply, 400, profilePage({
      csrfToken: csrfTokenFor(ctx, request, reply), displayName, fields: form.fields, values: submitted, fromURI,
      message: result.message, fieldErrors: result.fieldErrors,
    }));
  });
}
