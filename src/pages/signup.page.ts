import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { auditOf } from '../identity/auth.js';
import { getProfileEnrollment } from '../identity/policies/policies.service.js';
import {
  registerUser, registrationAllowed, type RegistrationFieldError,
} from '../journeys/registration.service.js';
import { signInNewUser } from '../journeys/sign-in.service.js';
import { html, layout, messagePage, type SafeHtml } from '../platform/html/layout.js';
import { csrfTokenFor, formValue, guardFormPost, redirect, sendHtml, setSessionCookie } from '../platform/html/page-kit.js';
import { currentSession } from '../identity/sessions/current-session.js';
import { loadRegistrationForm, passwordHint, typedFormValues, type FormField, type RegistrationForm } from './registration-form.js';

const FieldValue = Type.Union([Type.String({ maxLength: 4096 }), Type.Array(Type.String({ maxLength: 4096 }), { maxItems: 10 })]);
const SignUpBody = Type.Record(Type.String({ maxLength: 128 }), FieldValue, { maxProperties: 64 });

const AUTOCOMPLETE: Record<string, string> = {
  email: 'email', login: 'username', firstName: 'given-name', lastName: 'family-name', middleName: 'additional-name',
  honorificPrefix: 'honorific-prefix', honorificSuffix: 'honorific-suffix', nickName: 'nickname', title: 'organization-title',
  organization: 'organization', mobilePhone: 'tel', primaryPhone: 'tel', streetAddress: 'street-address', city: 'address-level2',
  state: 'address-level1', zipCode: 'postal-code', countryCode: 'country', preferredLanguage: 'language', profileUrl: 'url',
};

interface SignUpView {
  csrfToken: string;
  values: Record<string, string>;
  message?: string;
  fieldErrors?: RegistrationFieldError[];
}

function fieldId(name: string): string {
  return 'f-' + name.replace(/[^A-Za-z0-9_-]/g, '_');
}

function errorId(name: string): string {
  return 'e-' + name.replace(/[^A-Za-z0-9_-]/g, '_');
}

function inputFor(field: FormField, value: string, errors: string[]): SafeHtml {
  const attr = field.attribute;
  const id = fieldId(field.name);
  const described = errors.length ? errorId(field.name) : undefined;
  const common = html`id="${id}" name="${field.name}" ${field.required ? html`required aria-required="true"` : ''}
      aria-invalid="${errors.length ? 'true' : 'false'}" ${described ? html`aria-describedby="${described}"` : ''}`;
  const choices = attr?.oneOf ?? attr?.enum?.map((v) => ({ const: v, title: String(v) }));
  if (choices && attr?.type !== 'array') {
    return html`<select ${common}>
      <option value="">Choose…</option>
      ${choices.map((c) => html`<option value="${String(c.const)}" ${String(c.const) === value ? 'selected' : ''}>${c.title}</option>`)}
    </select>`;
  }
  if (attr?.type === 'boolean') {
    return html`<input type="checkbox" value="true" ${value === 'true' || value === 'on' ? 'checked' : ''} ${common}>`;
  }
  const type = attr?.format === 'email' ? 'email'
    : attr?.format === 'uri' ? 'url'
      : AUTOCOMPLETE[field.name] === 'tel' ? 'tel'
        : attr?.type === 'number' || attr?.type === 'integer' ? 'number' : 'text';
  return html`<input type="${type}" value="${value}" ${common}
      ${AUTOCOMPLETE[field.name] ? html`autocomplete="${AUTOCOMPLETE[field.name]}"` : ''}
      ${typeof attr?.maxLength === 'number' ? html`maxlength="${attr.maxLength}"` : ''}
      ${attr?.type === 'integer' ? html`step="1"` : ''}
      ${type === 'email' || field.name === 'login' ? html`autocapitalize="none" spellcheck="false"` : ''}>`;
}

function signUpPage(form: RegistrationForm, view: SignUpView): string {
  const errorsOf = (name: string) => (view.fieldErrors ?? []).filter((e) => e.field === name).map((e) => e.message);
  const labels = new Map(form.fields.map((f) => [f.name, f.label]));
  labels.set('password', 'Password');
  const hint = passwordHint(form.password);
  const passwordErrors = errorsOf('password');
  // The summary lists the problems in the order of the form's fields.
  const order = [...form.fields.map((f) => f.name), 'password'];
  const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
  const sorted = [...(view.fieldErrors ?? [])].sort((a, b) => rank(a.field) - rank(b.field));
  const summaryItems = sorted.map((e) => (labels.has(e.field)
    ? html`<li><a href="#${fieldId(e.field)}">${labels.get(e.field)}: ${e.message}</a></li>`
    : html`<li>${e.message}</li>`));
  return layout({
    title: 'Sign up',
    body: html`<h1>Sign up</h1>
${view.message ? html`<div class="error-summary" role="alert" id="error-summary" tabindex="-1">
  <h2>${view.message}</h2>
  ${summaryItems.length ? html`<ul>${summaryItems}</ul>` : ''}
</div>` : ''}
<p class="hint">Fields marked <span class="req" aria-hidden="true">*</span><span class="visually-hidden">with an asterisk</span> are required.</p>
<form method="post" action="/signup" novalidate>
  <input type="hidden" name="csrfToken" value="${view.csrfToken}">
  ${form.fields.map((field) => {
    const errors = errorsOf(field.name);
    return html`<div class="field">
    <label for="${fieldId(field.name)}">${field.label}${field.required ? html` <span class="req" aria-hidden="true">*</span>` : ''}</label>
    ${inputFor(field, view.values[field.name] ?? '', errors)}
    ${errors.length ? html`<p class="field-error" id="${errorId(field.name)}">${errors.join(' ')}</p>` : ''}
  </div>`;
  })}
  <div class="field">
    <label for="f-password">Password <span class="req" aria-hidden="true">*</span></label>
    <input type="password" id="f-password" name="password" autocomplete="new-password" required aria-required="true"
      aria-invalid="${passwordErrors.length ? 'true' : 'false'}"
      aria-describedby="${[hint ? 'h-password' : '', passwordErrors.length ? errorId('password') : ''].filter(Boolean).join(' ')}">
    ${hint ? html`<p class="hint" id="h-password">${hint}</p>` : ''}
    ${passwordErrors.length ? html`<p class="field-error" id="${errorId('password')}">${passwordErrors.join(' ')}</p>` : ''}
  </div>
  <button type="submit">Sign up</button>
</form>
<p class="links">Already have an account? <a href="/signin">Sign in</a></p>`,
  });
}

const NOT_AVAILABLE = messagePage('Sign-up is not available',
  'This organization does not allow self-service registration. Ask your administrator for an account.',
  [{ href: '/signin', text: 'Back to sign in' }]);

/** `GET/POST /signup`: the self-service registration form built from the user profile policy. */
export async function signUpPages(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/signup', async (request, reply) => {
    if (await currentSession(ctx, request)) return redirect(reply, '/app/me', 302);
    const enrollment = await getProfileEnrollment(ctx, ctx.db);
    if (!registrationAllowed(enrollment)) return sendHtml(reply, 404, NOT_AVAILABLE);
    const form = await loadRegistrationForm(ctx, ctx.db, enrollment);
    return sendHtml(reply, 200, signUpPage(form, { csrfToken: csrfTokenFor(ctx, request, reply), values: {} }));
  });

  app.post('/signup', { schema: { body: SignUpBody } }, async (request, reply) => {
    if (!(await guardFormPost(ctx, request, reply, { route: '/signup', backTo: '/signup' }))) return reply;
    const enrollment = await getProfileEnrollment(ctx, ctx.db);
    if (!registrationAllowed(enrollment)) return sendHtml(reply, 404, NOT_AVAILABLE);
    const form = await loadRegistrationForm(ctx, ctx.db, enrollment);
    const body = request.body as Record<string, string | string[]>;
    const submitted: Record<string, string> = {};
    for (const field of form.fields) {
      const value = formValue(body[field.name]);
      if (value !== undefined) submitted[field.name] = value;
    }
    const audit = auditOf(request);
    const result = await registerUser(ctx, audit, {
      policyId: enrollment.policy.id,
      userProfile: typedFormValues(form.fields, submitted),
      password: formValue(body.password) ?? '',
      request: { id: String(request.id), method: 'POST', url: request.url.split('?')[0], ipAddress: request.ip ?? null },
    });
    if (!result.ok) {
      // The form keeps what the visitor typed, except the password.
      return sendHtml(reply, result.status, signUpPage(form, {
        csrfToken: csrfTokenFor(ctx, request, reply), values: submitted, message: result.message, fieldErrors: result.fieldErrors,
      }));
    }
    const profile = result.user.profile as Record<string, unknown>;
    const { token } = await signInNewUser(ctx, audit, {
      id: result.user.id, login: String(profile.login),
      first_name: typeof profile.firstName === 'string' ? profile.firstName : null,
      last_name: typeof profile.lastName === 'string' ? profile.lastName : null,
    });
    setSessionCookie(ctx, reply, token);
    return redirect(reply, '/app/me');
  });
}
