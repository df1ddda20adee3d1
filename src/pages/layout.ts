/**
 * The hosted pages' HTML: an auto-escaping `html` template tag, the shared page layout and the stylesheet.
 * Pages work without JavaScript; the markup uses real labels, a skip link, one <h1> per page, visible focus
 * and colours with at least 4.5:1 contrast.
 */

/** Markup that is already safe: `html` inserts it as is. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

type Interpolation = SafeHtml | string | number | boolean | null | undefined | Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** Template tag: every interpolated value is escaped unless it is SafeHtml (arrays are joined). */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0];
  values.forEach((v, i) => { out += render(v) + strings[i + 1]; });
  return new SafeHtml(out);
}

export const STYLESHEET_PATH = '/assets/pages.css';

export interface PageOptions {
  title: string;
  body: SafeHtml;
  /** Shown in the header with a sign-out button when someone is signed in. */
  signedIn?: { displayName: string; csrfToken: string };
  /** A wider card, for pages with tables of data. */
  wide?: boolean;
}

export function layout({ title, body, signedIn, wide }: PageOptions): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Tollgate</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <a class="brand" href="/">Tollgate</a>
  ${signedIn ? html`<form method="post" action="/signout" class="signout">
    <input type="hidden" name="csrfToken" value="${signedIn.csrfToken}">
    <span>${signedIn.displayName}</span> <button type="submit" class="link">Sign out</button>
  </form>` : ''}
</header>
<main id="main" class="${wide ? 'card wide' : 'card'}">
${body}
</main>
</body>
</html>
`.value;
}

/** A short page with a heading, a message and optional links (errors, "not available", …). */
export function messagePage(title: string, message: string, links: Array<{ href: string; text: string }> = []): string {
  return layout({
    title,
    body: html`<h1>${title}</h1>
<p>${message}</p>
${links.length ? html`<p class="links">${links.map((l) => html`<a href="${l.href}">${l.text}</a> `)}</p>` : ''}`,
  });
}

export const STYLESHEET = `
:root { --ink: #1d1d21; --muted: #4a4a55; --brand: #1a4fd6; --error: #b3261e; --bg: #f4f5f7; --line: #8a8a96; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem 1rem; }
.skip:focus { left: 1rem; z-index: 1; }
.top { display: flex; justify-content: space-between; align-items: center; padding: .75rem 1.25rem; background: #fff; border-bottom: 1px solid #d0d0d8; }
.brand { font-weight: 700; color: var(--ink); text-decoration: none; }
.signout { display: flex; gap: .5rem; align-items: center; margin: 0; }
.card { max-width: 28rem; margin: 2rem auto; padding: 1.5rem; background: #fff; border: 1px solid #d0d0d8; border-radius: 8px; }
.card.wide { max-width: 44rem; }
h1 { font-size: 1.5rem; margin: 0 0 1rem; }
h2 { font-size: 1.1rem; margin: 0 0 .5rem; }
.field { margin: 0 0 1rem; }
label { display: block; font-weight: 600; margin-bottom: .25rem; }
.req { color: var(--error); }
.hint { color: var(--muted); font-size: .9rem; margin: .25rem 0 0; }
input[type=text], input[type=email], input[type=password], input[type=tel], input[type=url], input[type=number], select {
  width: 100%; padding: .6rem .7rem; font: inherit; border: 1px solid var(--line); border-radius: 4px; background: #fff; color: var(--ink);
}
input[aria-invalid=true] { border: 2px solid var(--error); }
.field-error { color: var(--error); font-weight: 600; margin: .25rem 0 0; }
button, .button { display: inline-block; padding: .6rem 1.2rem; font: inherit; font-weight: 600; color: #fff; background: var(--brand); border: 0; border-radius: 4px; cursor: pointer; }
button.link { padding: 0; background: none; color: var(--brand); text-decoration: underline; font-weight: 400; }
a { color: var(--brand); }
a:focus, button:focus, input:focus, select:focus { outline: 3px solid #ffbf47; outline-offset: 1px; }
.error-summary { border: 2px solid var(--error); border-radius: 4px; padding: .75rem 1rem; margin-bottom: 1rem; }
.error-summary ul { margin: .25rem 0 0; padding-left: 1.2rem; }
.error-summary a { color: var(--error); font-weight: 600; }
.notice { border-left: 4px solid var(--brand); padding: .5rem .75rem; background: #eef2fd; }
.links { margin-top: 1.25rem; }
dl.profile { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: .35rem 1rem; margin: 0; }
dl.profile dt { font-weight: 600; color: var(--muted); }
dl.profile dd { margin: 0; overflow-wrap: anywhere; }
@media (max-width: 32rem) { .card { margin: 0; border-radius: 0; border-left: 0; border-right: 0; } dl.profile { grid-template-columns: 1fr; } dl.profile dd { margin-bottom: .5rem; } }
`;
