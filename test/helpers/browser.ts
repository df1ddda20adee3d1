/**
 * A minimal browser for the hosted pages: keeps cookies, does not follow redirects, posts forms as
 * `application/x-www-form-urlencoded` like a browser without JavaScript.
 */
export interface PageResponse {
  status: number;
  headers: Headers;
  html: string;
  location: string | null;
}

export class Browser {
  readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a))
        || attrs.some((a) => /^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]) < Date.now());
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(method: string, path: string, form?: Record<string, string | undefined>): Promise<PageResponse> {
    const headers: Record<string, string> = { accept: 'text/html' };
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    let body: string | undefined;
    if (form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) if (v !== undefined) params.append(k, v);
      body = params.toString();
    }
    const res = await fetch(this.baseUrl + path, { method, headers, body, redirect: 'manual' });
    this.remember(res);
    return { status: res.status, headers: res.headers, html: await res.text(), location: res.headers.get('location') };
  }

  get(path: string): Promise<PageResponse> {
    return this.request('GET', path);
  }

  /** Opens the form page first (for its CSRF cookie and token), then posts the fields with the token. */
  async submit(pagePath: string, postPath: string, fields: Record<string, string | undefined>): Promise<PageResponse> {
    const page = await this.get(pagePath);
    const token = csrfTokenIn(page.html);
    if (!token) throw new Error(`No CSRF token on ${pagePath} (status ${page.status})`);
    return this.request('POST', postPath, { ...fields, csrfToken: token });
  }
}

export function csrfTokenIn(html: string): string | undefined {
  return /name="csrfToken" value="([^"]+)"/.exec(html)?.[1];
}

/** The text of the error shown at a form field (`<p class="field-error" id="e-<name>">`). */
export function fieldErrorIn(html: string, field: string): string | undefined {
  const m = new RegExp(`<p class="field-error" id="e-${field}">([\\s\\S]*?)</p>`).exec(html);
  return m ? decode(m[1]) : undefined;
}

/** The error summary at the top of a form (heading and items), as text. */
export function errorSummaryIn(html: string): string | undefined {
  const m = /<div class="error-summary"[^>]*>([\s\S]*?)<\/div>/.exec(html);
  return m ? decode(m[1].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()) : undefined;
}

/** The `value` of a form input, decoded. */
export function inputValueIn(html: string, name: string): string | undefined {
  const tag = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0];
  if (!tag) return undefined;
  const m = /value="([^"]*)"/.exec(tag);
  return m ? decode(m[1]) : undefined;
}

function decode(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}
