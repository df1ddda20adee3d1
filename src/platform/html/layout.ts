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
  <a class="brand" href="/"><span class="brand-mark" aria-hidden="true">T</span> Tollgate</a>
  ${signedIn ? html`<form method="post" action="/signout" class="signout">
    <input type="hidden" name="csrfToken" value="${signedIn.csrfToken}">
    <span>${signedIn.displayName}</span> <button type="submit" class="link">Sign out</button>
  </form>` : ''}
</header>
<main id="main" class="${wide ? 'card wide' : 'card'}">
${body}
</main>
<footer class="foot">Tollgate</footer>
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
:root {
  --ink: #1d1d21; --muted: #4f5260; --brand: #1662dd; --brand-dark: #0f4bb0; --brand-soft: #e8f0fd;
  --error: #b3261e; --error-soft: #fbe9e7; --bg: #f4f5f8; --line: #8a8d9c; --line-soft: #d7d9e0; --focus: #ffbf47;
  color-scheme: light;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; min-height: 100vh; display: flex; flex-direction: column; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--bg); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.skip { position: absolute; left: -999px; top: .5rem; z-index: 10; background: #fff; padding: .5rem 1rem; border-radius: 4px; }
.skip:focus { left: .5rem; }
.top { display: flex; justify-content: space-between; align-items: center; gap: 1rem; min-height: 56px; padding: .5rem 1.25rem; background: #fff; border-bottom: 1px solid var(--line-soft); }
.brand { display: inline-flex; align-items: center; gap: .5rem; font-weight: 700; font-size: 1.05rem; color: var(--ink); text-decoration: none; }
.brand-mark { display: inline-grid; place-items: center; width: 28px; height: 28px; border-radius: 7px; background: var(--brand); color: #fff; font-size: .95rem; }
.signout { display: flex; gap: .75rem; align-items: center; margin: 0; color: var(--muted); }
.signout span { max-width: 14rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.card { width: 100%; max-width: 28rem; margin: 2.5rem auto; padding: 2rem; background: #fff; border: 1px solid var(--line-soft); border-radius: 10px; box-shadow: 0 1px 2px rgba(20,22,40,.06), 0 4px 16px rgba(20,22,40,.06); }
.card.wide { max-width: 44rem; }
.foot { margin-top: auto; padding: 1rem; text-align: center; color: var(--muted); font-size: .85rem; }
h1 { font-size: 1.6rem; line-height: 1.25; font-weight: 650; letter-spacing: -.01em; margin: 0 0 1.25rem; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
p { margin: 0 0 1rem; }
.field { margin: 0 0 1.15rem; }
label { display: block; font-weight: 600; margin-bottom: .3rem; }
.req { color: var(--error); }
.hint { color: var(--muted); font-size: .9rem; margin: .35rem 0 0; }
p.hint + .field { margin-top: 1rem; }
input[type=text], input[type=email], input[type=password], input[type=tel], input[type=url], input[type=number], input:not([type]), select {
  width: 100%; min-height: 44px; padding: .55rem .75rem; font: inherit; border: 1px solid var(--line); border-radius: 6px; background: #fff; color: var(--ink);
}
input:hover, select:hover { border-color: var(--ink); }
input[aria-invalid=true] { border: 2px solid var(--error); background: #fffafa; }
.field-error { display: flex; gap: .35rem; color: var(--error); font-weight: 600; font-size: .95rem; margin: .35rem 0 0; }
.field-error::before { content: "\\26A0"; }
button, .button { display: inline-flex; align-items: center; justify-content: center; min-height: 44px; padding: .6rem 1.4rem; font: inherit; font-weight: 600; color: #fff; background: var(--brand); border: 0; border-radius: 6px; cursor: pointer; text-decoration: none; }
button:hover, .button:hover { background: var(--brand-dark); color: #fff; }
form button[type=submit]:not(.link) { width: 100%; margin-top: .35rem; }
button.link { min-height: 0; width: auto; margin: 0; padding: 0; background: none; color: var(--brand); text-decoration: underline; font-weight: 500; }
a { color: var(--brand); text-underline-offset: 2px; }
a:hover { color: var(--brand-dark); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, [tabindex]:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
input:focus-visible, select:focus-visible { border-color: var(--brand); }
.error-summary { border: 1px solid var(--error); border-left-width: 5px; border-radius: 6px; background: var(--error-soft); padding: .75rem 1rem; margin-bottom: 1.25rem; }
.error-summary > :first-child { margin-top: 0; }
.error-summary > :last-child { margin-bottom: 0; }
.error-summary p, .error-summary h2 { font-size: 1rem; font-weight: 650; margin: 0; }
.error-summary ul { margin: .4rem 0 0; padding-left: 1.2rem; }
.error-summary a { color: var(--error); font-weight: 600; }
.notice { border-left: 4px solid var(--brand); border-radius: 0 6px 6px 0; padding: .6rem .85rem; background: var(--brand-soft); }
.links { margin: 1.5rem 0 0; padding-top: 1.25rem; border-top: 1px solid var(--line-soft); text-align: center; }
h2.links { text-align: left; }
dl.profile { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: .45rem 1.25rem; margin: 0; }
dl.profile dt { font-weight: 600; color: var(--muted); }
dl.profile dd { margin: 0; overflow-wrap: anywhere; }
@media (max-width: 32rem) {
  .top { padding: .5rem 1rem; }
  .card, .card.wide { margin: 0; padding: 1.5rem 1.25rem; border-radius: 0; border-left: 0; border-right: 0; box-shadow: none; }
  h1 { font-size: 1.4rem; }
  dl.profile { grid-template-columns: 1fr; }
  dl.profile dd { margin-bottom: .5rem; }
}
`;
