import { JobRunner } from '../../apps/worker/src/runner/job-runner.js';
import { pdfText } from '../support/pdf.js';
import { DataFingerprint, say } from './support/security-kit.js';
import { useWorld, type World } from './support/world.js';

const XSS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg/onload=alert(1)>",
  '</textarea><script>alert(2)</script>',
  '<a href="javascript:alert(3)">x</a>',
  '{{7*7}}<%= 7*7 %><%~ it %>${7*7}',
];
/** What must never appear raw in a page: the markup each payload would inject. */
const RAW_MARKUP = ['<script>', '<img src=x', '<svg/onload', '</textarea><script>', '<a href="javascript:', '<%= 7*7 %>'];

interface Page {
  status: number;
  html: string;
  cookie: string;
  hidden: Record<string, string>;
}

/** A browser-less portal client on Fastify inject: its own client address (per-address limits), the CSRF cookie kept. */
class InjectedPortal {
  private cookie = '';
  constructor(
    private readonly world: World,
    private readonly address: string,
  ) {}

  async get(url: string): Promise<Page> {
    return this.page(
      await this.world.api.app.inject({
        method: 'GET',
        url,
        headers: this.cookie ? { cookie: this.cookie } : {},
        remoteAddress: this.address,
      }),
    );
  }

  async post(url: string, fields: Record<string, string>, cookie = this.cookie): Promise<Page> {
    return this.page(
      await this.world.api.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
        payload: new URLSearchParams(fields).toString(),
        remoteAddress: this.address,
      }),
    );
  }

  private page(response: { statusCode: number; body: string; headers: Record<string, unknown> }): Page {
    const setCookie = response.headers['set-cookie'];
    const first = Array.isArray(setCookie) ? setCookie[0] : (setCookie as string | undefined);
    if (first) this.cookie = first.split(';')[0];
    const hidden: Record<string, string> = {};
    for (const match of response.body.matchAll(/<input\b[^>]*type="hidden"[^>]*>/g)) {
      const name = /name="([^"]+)"/.exec(match[0])?.[1];
      if (name && !(name in hidden))
        hidden[name] = (/value="([^"]*)"/.exec(match[0])?.[1] ?? '')
          .replace(/&amp;/g, '&')
          .replace(/&#39;/g, "'")
          .replace(/&quot;/g, '"');
    }
    return { status: response.statusCode, html: response.body, cookie: this.cookie, hidden };
  }
}

const VALID_ACCESS: Record<string, string> = {
  type: 'access',
  language: 'en',
  'patient.givenName': 'Xena',
  'patient.familyName': 'Scripton',
  'patient.dateOfBirth': '1981-01-01',
  'requester.type': 'individual',
  'details.accessType': 'copy',
  'details.recordsRequested': 'All records',
  'details.format': 'paper',
  'details.delivery': 'mail',
};

describe('patient portal: script injection and CSRF', () => {
  let world: World;
  let fingerprint: DataFingerprint;
  const results = useWorld('portal', (built, data) => {
    world = built;
    fingerprint = data;
  });
  let next = 0;
  const client = () => new InjectedPortal(world, `10.77.${Math.floor(++next / 250)}.${next % 250}`);

  const unescaped = (html: string) => RAW_MARKUP.filter((markup) => html.includes(markup));

  it('every form field carrying script comes back escaped on the form, the confirmation and the status page', async () => {
    const failures: string[] = [];
    let pages = 0;
    const form = await client().get('/portal/requests/new?type=access&lang=en');
    const fields = [...new Set([...form.html.matchAll(/<(?:input|textarea)\b[^>]*name="([^"]+)"/g)].map((match) => match[1]))].filter(
      (name) =>
        !['_csrf', 'idempotencyKey', 'type', 'website'].includes(name) &&
        !/^(language|requester\.type|details\.(accessType|format|delivery))$/.test(name),
    );
    expect(fields.length).toBeGreaterThanOrEqual(8);
    for (const [index, field] of fields.entries()) {
      const payload = XSS[index % XSS.length];
      const portal = client();
      const page = await portal.get('/portal/requests/new?type=access&lang=en');
      const answer = await portal.post('/portal/requests', { ...page.hidden, ...VALID_ACCESS, [field]: payload });
      pages += 1;
      for (const markup of unescaped(answer.html)) failures.push(`${field} (${answer.status}): raw ${markup}`);
      const link = /href="(\/portal\/status\?reference=[^"]+)"/.exec(answer.html)?.[1]?.replace(/&amp;/g, '&');
      if (answer.status === 201 && link) {
        const status = await portal.get(link);
        pages += 1;
        for (const markup of unescaped(status.html)) failures.push(`${field} status page: raw ${markup}`);
      }
    }
    // The lookup page echoes the reference typed in: script there is escaped too.
    for (const payload of XSS) {
      const lookup = await client().get(
        `/portal/status?reference=${encodeURIComponent(payload)}&token=${encodeURIComponent(payload)}&lang=en`,
      );
      pages += 1;
      for (const markup of unescaped(lookup.html)) failures.push(`lookup: raw ${markup}`);
    }
    results.add({ scenario: 'portal-xss', fields, payloads: XSS, pages, failures });
    say(
      `portal: script in each of ${fields.length} form fields (${XSS.length} payloads) and the status lookup: ${pages} pages checked, ${failures.length} unescaped`,
    );
    expect(failures).toEqual([]);
  }, 90_000);

  it('script in the patient’s name and request reaches the letter as literal text', async () => {
    const portal = client();
    const page = await portal.get('/portal/requests/new?type=access&lang=en');
    const answer = await portal.post('/portal/requests', {
      ...page.hidden,
      ...VALID_ACCESS,
      'patient.givenName': '<script>alert(1)</script>',
      'patient.familyName': '"><img src=x onerror=alert(1)>',
    });
    expect(answer.status).toBe(201);
    const link = new URL(/href="(\/portal\/status\?reference=[^"]+)"/.exec(answer.html)![1].replace(/&amp;/g, '&'), 'http://x');
    const reference = link.searchParams.get('reference')!;
    const token = link.searchParams.get('token')!;
    const { rows } = await world.db.query(`SELECT id FROM requests WHERE reference = $1`, [reference]);
    const jobs = await world.db.query(
      `SELECT payload FROM outbox_messages WHERE job_name = 'document.render' AND payload->>'requestId' = $1`,
      [rows[0].id],
    );
    for (const { payload } of jobs.rows) await world.worker.app.get(JobRunner).run('document.render', payload);
    const status = await portal.get(link.pathname + link.search);
    expect(unescaped(status.html)).toEqual([]);
    const documentId = /\/portal\/documents\/([0-9a-f-]{36})/.exec(status.html)![1];
    const pdf = await world.api.app.inject({ method: 'GET', url: `/portal/documents/${documentId}?reference=${reference}&token=${token}` });
    expect(pdf.statusCode).toBe(200);
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('"><img src=x onerror=alert(1)>');
    results.add({ scenario: 'portal-letter', letter: documentId, literal: true });
    say(
      `portal: <script> and "><img onerror> in the patient's name: the acknowledgement letter shows both as literal text (pdftotext), the status page escapes them`,
    );
  }, 60_000);

  it('a form post without its CSRF token, with a wrong one, or with another visitor’s cookie is refused with 403 and stores nothing', async () => {
    const before = await fingerprint.take();
    const attempts: [string, number][] = [];
    const victim = client();
    const victimForm = await victim.get('/portal/requests/new?type=access&lang=en');
    const attacker = client();
    const attackerForm = await attacker.get('/portal/requests/new?type=access&lang=en');
    const { _csrf: _ignored, ...withoutToken } = victimForm.hidden;
    attempts.push(['no token', (await victim.post('/portal/requests', { ...withoutToken, ...VALID_ACCESS })).status]);
    attempts.push([
      'a made-up token',
      (await victim.post('/portal/requests', { ...victimForm.hidden, ...VALID_ACCESS, _csrf: 'A'.repeat(40) })).status,
    ]);
    attempts.push(['an empty token', (await victim.post('/portal/requests', { ...victimForm.hidden, ...VALID_ACCESS, _csrf: '' })).status]);
    attempts.push([
      'the attacker’s token with the victim’s cookie',
      (await victim.post('/portal/requests', { ...victimForm.hidden, ...VALID_ACCESS, _csrf: attackerForm.hidden._csrf })).status,
    ]);
    attempts.push([
      'a valid token with no cookie',
      (await victim.post('/portal/requests', { ...victimForm.hidden, ...VALID_ACCESS }, '')).status,
    ]);
    attempts.push([
      'a forged cookie',
      (await victim.post('/portal/requests', { ...victimForm.hidden, ...VALID_ACCESS }, `${victimForm.cookie.split('=')[0]}=forged.value`))
        .status,
    ]);
    // The status page's actions: withdraw A's request without the form's token.
    const status = await victim.get(`/portal/status?reference=${world.a.reference}&token=${world.a.statusToken}&lang=en`);
    const { _csrf: _dropped, ...actionWithout } = status.hidden;
    attempts.push([
      'withdraw without a token',
      (await victim.post('/portal/status/actions', { ...actionWithout, action: 'withdraw' })).status,
    ]);
    attempts.push([
      'withdraw with a wrong token',
      (await victim.post('/portal/status/actions', { ...status.hidden, _csrf: 'B'.repeat(40), action: 'withdraw' })).status,
    ]);
    const after = await fingerprint.take();
    // Opening the status page is an audited read by the patient: the audit trail may grow by that, nothing else.
    const changed = DataFingerprint.diff(before, after).filter((table) => !['audit_events', 'audit_pending'].includes(table));
    results.add({ scenario: 'portal-csrf', attempts: attempts.map(([name, code]) => ({ name, status: code })), changedTables: changed });
    say(
      `portal: ${attempts.length} posts with a missing, wrong, foreign or forged CSRF token: answers ${attempts.map(([, code]) => code).join(', ')}, ${changed.length ? `CHANGED ${changed.join(', ')}` : 'nothing stored'}`,
    );
    expect(attempts.filter(([, code]) => code !== 403)).toEqual([]);
    expect(changed).toEqual([]);
    expect((await world.db.query(`SELECT status FROM requests WHERE id = $1`, [world.a.id])).rows[0].status).toBe('received');
  });
});
