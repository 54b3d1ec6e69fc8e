import type { TestApi } from './api-app.js';

export interface PortalPage {
  status: number;
  html: string;
  headers: Headers;
  /** The CSRF cookie the page set (name=value), to send back. */
  cookie: string;
  /** Hidden inputs of the page's (first) form. */
  hidden: Record<string, string>;
}

function hiddenInputs(html: string): Record<string, string> {
  const hidden: Record<string, string> = {};
  for (const match of html.matchAll(/<input\b[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(match[0])?.[1];
    const value = /value="([^"]*)"/.exec(match[0])?.[1] ?? '';
    if (name && !(name in hidden))
      hidden[name] = value
        .replace(/&amp;/g, '&')
        .replace(/&#39;/g, "'")
        .replace(/&quot;/g, '"');
  }
  return hidden;
}

/** A browser-less client of the portal: keeps the CSRF cookie, reads the hidden fields. */
export class PortalClient {
  private cookie = '';

  constructor(private readonly api: TestApi) {}

  async get(path: string): Promise<PortalPage> {
    const response = await fetch(`${this.api.baseUrl}${path}`, { headers: this.cookie ? { cookie: this.cookie } : {}, redirect: 'manual' });
    return this.page(response);
  }

  async post(path: string, fields: Record<string, string | string[]>): Promise<PortalPage> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
    const response = await fetch(`${this.api.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: body.toString(),
      redirect: 'manual',
    });
    return this.page(response);
  }

  private async page(response: Response): Promise<PortalPage> {
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const html = await response.text();
    return { status: response.status, html, headers: response.headers, cookie: this.cookie, hidden: hiddenInputs(html) };
  }
}

/** The text of a page, tags removed, whitespace folded. */
export function pageText(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}
