import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { getUserSchema } from '../identity/schema/profile-schema.service.js';
import { html, layout } from '../platform/html/layout.js';
import { csrfTokenFor, redirect, sendHtml } from '../platform/html/page-kit.js';
import { currentSession } from '../identity/sessions/current-session.js';

function display(value: unknown): string {
  if (Array.isArray(value)) return value.map(display).join(', ');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** `GET /` and `GET /app/me`: the signed-in user's own page. */
export async function mePages(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/', async (request, reply) => redirect(reply, (await currentSession(ctx, request)) ? '/app/me' : '/signin', 302));

  app.get('/app/me', async (request, reply) => {
    const found = await currentSession(ctx, request);
    if (!found) return redirect(reply, '/signin', 302);
    const { user } = found;
    const profile = JSON.parse(user.profile) as Record<string, unknown>;
    const type = await ctx.db.selectFrom('user_types').select(['display_name', 'name']).where('id', '=', user.type_id).executeTakeFirst();
    const schema = await getUserSchema(ctx, ctx.db);
    const titles: Record<string, string> = {};
    for (const [name, attr] of Object.entries({ ...schema.definitions.base.properties, ...schema.definitions.custom.properties })) titles[name] = attr.title;
    const order = Object.keys(titles);
    const shown = Object.entries(profile)
      .filter(([, v]) => v !== null && v !== undefined && v !== '')
      .sort(([a], [b]) => (order.indexOf(a) === -1 ? 1e6 : order.indexOf(a)) - (order.indexOf(b) === -1 ? 1e6 : order.indexOf(b)));
    const name = [user.first_name, user.last_name].filter(Boolean).join(' ') || user.login;
    const csrfToken = csrfTokenFor(ctx, request, reply);
    const page = layout({
      title: 'Your account',
      signedIn: { displayName: name, csrfToken },
      wide: true,
      body: html`<h1>Welcome, ${name}</h1>
${user.status === 'PASSWORD_EXPIRED' ? html`<p class="notice">Your password has expired. Ask your administrator to reset it.</p>` : ''}
<dl class="profile">
  <dt>Name</dt><dd>${name}</dd>
  <dt>Username</dt><dd>${user.login}</dd>
  <dt>User type</dt><dd>${type?.display_name ?? type?.name ?? 'User'}</dd>
  <dt>Status</dt><dd>${user.status}</dd>
</dl>
<h2 class="links">Profile</h2>
<dl class="profile" id="profile">
  ${shown.map(([key, value]) => html`<dt>${titles[key] ?? key}</dt><dd data-attribute="${key}">${display(value)}</dd>`)}
</dl>
<p class="links"><a href="/app/me/factors">Set up SMS/voice</a></p>`,
    });
    return sendHtml(reply, 200, page);
  });
}
