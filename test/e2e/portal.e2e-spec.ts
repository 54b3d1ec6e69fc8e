import { getDataSourceToken } from '@nestjs/typeorm';
import { JobRunner } from '../../apps/worker/src/runner/job-runner.js';
import { startTestApi, type TestApi } from '../support/api-app.js';
import { pdfText } from '../support/pdf.js';
import { startTestWorker, type TestWorker } from '../support/worker-app.js';
import { PortalClient, pageText } from '../support/portal-client.js';
import { rememberSecret } from '../support/secret-registry.js';
import { createStaff } from '../support/staff.js';

const patient = {
  'patient.givenName': 'Portia',
  'patient.familyName': 'Portalwell',
  'patient.dateOfBirth': '1985-05-20',
  'patient.email': 'portia@example.test',
  'requester.type': 'individual',
  language: 'en',
};

describe('patient portal (45 CFR 164.524(b)(1): no required channel; 164.514(h))', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    rememberSecret('Portalwell', 'portia@example.test');
  });
  afterAll(() => api.close());

  async function fileAccess(client: PortalClient, extra: Record<string, string> = {}) {
    const form = await client.get('/portal/requests/new?type=access&lang=en');
    expect(form.status).toBe(200);
    return client.post('/portal/requests', {
      ...form.hidden,
      type: 'access',
      ...patient,
      'details.accessType': 'copy',
      'details.recordsRequested': 'All my records from 2025',
      'details.format': 'electronic',
      'details.delivery': 'portal',
      ...extra,
    });
  }

  function statusLink(html: string): string {
    const href = /href="(\/portal\/status\?reference=[^"]+)"/.exec(html)?.[1];
    if (!href) throw new Error('no status link on the confirmation page');
    return href.replace(/&amp;/g, '&');
  }

  it('lists every right in plain words, in English and Spanish, under a strict CSP and never cached', async () => {
    const client = new PortalClient(api);
    const en = await client.get('/portal?lang=en');
    expect(en.status).toBe(200);
    expect(en.headers.get('content-security-policy')).toContain("script-src 'none'");
    expect(en.headers.get('cache-control')).toBe('no-store');
    expect(en.html).toContain('lang="en"');
    for (const type of [
      'access',
      'amendment',
      'accounting',
      'restriction',
      'confidential_communication',
      'notice_copy',
      'complaint',
      'authorization_revocation',
      'communication_opt_out',
    ]) {
      expect(en.html).toContain(`/portal/requests/new?type=${type}`);
    }
    const es = await client.get('/portal?lang=es');
    expect(es.html).toContain('lang="es"');
    expect(pageText(es.html)).not.toEqual(pageText(en.html));
  });

  it('files an access request: the confirmation shows the reference, the due date in words and a status link shown once', async () => {
    const client = new PortalClient(api);
    const confirmation = await fileAccess(client);
    expect(confirmation.status).toBe(201);
    const text = pageText(confirmation.html);
    expect(text).toMatch(/PR-\d{4}-\d{6}/);
    expect(text).toMatch(/(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}/);
    const link = statusLink(confirmation.html);
    const token = new URL(link, 'http://x').searchParams.get('token')!;
    rememberSecret(token);
    expect(token.length).toBeGreaterThanOrEqual(32);
    const status = await client.get(link);
    expect(status.status).toBe(200);
    expect(pageText(status.html)).toContain(/PR-\d{4}-\d{6}/.exec(text)![0]);
    // The staff side sees a portal request like any other.
    const officer = await createStaff(api, ['privacy_officer']);
    const list = await api.request('GET', '/api/v1/requests?type=access', { token: officer.token });
    expect(list.body.items.some((item: { channel: string }) => item.channel === 'portal')).toBe(true);
  });

  it('files one request for a double submit (same idempotency key), and the second answer still works', async () => {
    const client = new PortalClient(api);
    const form = await client.get('/portal/requests/new?type=notice_copy&lang=en');
    const fields = { ...form.hidden, type: 'notice_copy', 'requester.name': 'Nola Notice', language: 'en', 'details.paperRequested': 'on' };
    const [first, second] = await Promise.all([client.post('/portal/requests', fields), client.post('/portal/requests', fields)]);
    expect([first.status, second.status]).toEqual([201, 201]);
    const reference = (page: { html: string }) => /PR-\d{4}-\d{6}/.exec(pageText(page.html))![0];
    expect(reference(first)).toBe(reference(second));
    const officer = await createStaff(api, ['privacy_officer']);
    const list = await api.request('GET', `/api/v1/requests?q=${reference(first)}`, { token: officer.token });
    expect(list.body.items).toHaveLength(1);
    const secondLink = statusLink(second.html);
    rememberSecret(new URL(secondLink, 'http://x').searchParams.get('token')!);
    expect((await client.get(secondLink)).status).toBe(200);
  });

  it('shows errors next to their fields and in a summary, keeping what was typed, and files nothing', async () => {
    const client = new PortalClient(api);
    const form = await client.get('/portal/requests/new?type=access&lang=en');
    const page = await client.post('/portal/requests', {
      ...form.hidden,
      type: 'access',
      ...patient,
      'patient.dateOfBirth': '1985-02-30',
      'details.recordsRequested': 'All',
    });
    expect(page.status).toBe(422);
    expect(page.html).toContain('role="alert"');
    expect(page.html).toContain('href="#field-patient-dateOfBirth"');
    expect(page.html).toContain('href="#field-details-accessType"');
    expect(page.html).toContain('aria-invalid="true"');
    expect(page.html).toContain('value="Portia"');
  });

  it('refuses a post without the CSRF token, and a filled honeypot, filing nothing', async () => {
    const client = new PortalClient(api);
    await client.get('/portal/requests/new?type=access&lang=en');
    const noToken = await client.post('/portal/requests', {
      type: 'access',
      ...patient,
      'details.accessType': 'copy',
      'details.recordsRequested': 'All',
    });
    expect(noToken.status).toBe(403);
    const bot = await fileAccess(new PortalClient(api), { website: 'http://spam.example' });
    expect(bot.status).toBe(422);
    expect(pageText(bot.html)).not.toMatch(/PR-\d{4}-\d{6}/);
  });

  it('answers a wrong token exactly as an unknown reference', async () => {
    const client = new PortalClient(api);
    const confirmation = await fileAccess(client);
    const link = new URL(statusLink(confirmation.html), 'http://x');
    rememberSecret(link.searchParams.get('token')!);
    const reference = link.searchParams.get('reference')!;
    const wrongToken = await client.get(`/portal/status?reference=${reference}&token=${'A'.repeat(32)}&lang=en`);
    const unknown = await client.get(`/portal/status?reference=PR-2099-999999&token=${'A'.repeat(32)}&lang=en`);
    expect(wrongToken.status).toBe(404);
    expect(unknown.status).toBe(404);
    const strip = (html: string) =>
      pageText(html)
        .replace(/PR-\d{4}-\d{6}/g, 'REF')
        .replace(/value="[^"]*"/g, '');
    expect(strip(wrongToken.html)).toBe(strip(unknown.html));
  });

  it('lets the patient withdraw their own request from the status page', async () => {
    const client = new PortalClient(api);
    const confirmation = await fileAccess(client);
    const link = statusLink(confirmation.html);
    rememberSecret(new URL(link, 'http://x').searchParams.get('token')!);
    const status = await client.get(link);
    expect(status.html).toContain('name="action" value="withdraw"');
    const after = await client.post('/portal/status/actions', { ...status.hidden, action: 'withdraw' });
    expect(after.status).toBe(200);
    expect(after.html).not.toContain('name="action" value="withdraw"');
    const reference = new URL(link, 'http://x').searchParams.get('reference')!;
    const officer = await createStaff(api, ['privacy_officer']);
    const found = await api.request('GET', `/api/v1/requests?q=${reference}`, { token: officer.token });
    expect(found.body.items[0]).toMatchObject({ status: 'withdrawn', open: false });
  });

  it('takes the same intake as JSON at POST /api/v1/public/requests, with the same rules', async () => {
    const ok = await api.request('POST', '/api/v1/public/requests', {
      body: {
        type: 'amendment',
        language: 'es',
        patient: { givenName: 'Jaime', familyName: 'Portalwell', dateOfBirth: '1970-07-07' },
        details: { recordDescription: 'Lista de alergias', requestedChange: 'Quitar la alergia a la penicilina.' },
      },
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      reference: expect.stringMatching(/^PR-\d{4}-\d{6}$/),
      statusToken: expect.any(String),
      dueAt: expect.any(String),
    });
    rememberSecret(ok.body.statusToken);
    const bad = await api.request('POST', '/api/v1/public/requests', {
      body: { type: 'amendment', patient: { givenName: 'X' }, details: {} },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((error: { field: string }) => error.field)).toEqual(expect.arrayContaining(['patient.familyName']));
  });
});

describe('patient portal letters (45 CFR 164.524(b)(2)(ii): the written extension notice reaches the patient)', () => {
  let api: TestApi;
  let worker: TestWorker;

  beforeAll(async () => {
    api = await startTestApi();
    worker = await startTestWorker(api.config);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  it('lists the letters made for the request on the status page, in the language chosen on the form, and serves them only with the token', async () => {
    const filed = await api.request('POST', '/api/v1/public/requests', {
      body: {
        type: 'access',
        language: 'es',
        patient: { givenName: 'Lucía', familyName: 'Cartaslinda', dateOfBirth: '1979-09-19' },
        details: { accessType: 'copy', recordsRequested: 'Todo', format: 'paper', delivery: 'mail' },
        idempotencyKey: 'letters-test-0000000001',
      },
    });
    expect(filed.status).toBe(201);
    rememberSecret(filed.body.statusToken, 'Cartaslinda');
    const officer = await createStaff(api, ['privacy_officer']);
    const [request] = (await api.request('GET', `/api/v1/requests?q=${filed.body.reference}`, { token: officer.token })).body.items;
    const extension = await api.request('POST', `/api/v1/requests/${request.id}/actions/extend`, {
      token: officer.token,
      body: { reasons: 'Los registros están en un archivo externo.', newDueOn: addDays(request.dueOn, 20) },
    });
    expect(extension.status).toBe(200);
    // Render every letter the outbox holds, as the documents queue would.
    const jobs: { payload: { requestId: string; template: string; requestVersion: number } }[] = await worker.app
      .get(getDataSourceToken())
      .query(`SELECT payload FROM outbox_messages WHERE job_name = 'document.render'`);
    for (const job of jobs) await worker.app.get(JobRunner).run('document.render', job.payload);

    const client = new PortalClient(api);
    const status = await client.get(`/portal/status?reference=${filed.body.reference}&token=${filed.body.statusToken}&lang=es`);
    expect(status.status).toBe(200);
    const links = [...status.html.matchAll(/\/portal\/documents\/([0-9a-f-]{36})/g)].map((match) => match[1]);
    expect(new Set(links).size).toBeGreaterThanOrEqual(2);
    const documentId = links[0];
    const pdf = await fetch(
      `${api.baseUrl}/portal/documents/${documentId}?reference=${filed.body.reference}&token=${filed.body.statusToken}`,
    );
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toMatch(/Recibimos su solicitud|Los registros están en un archivo externo/);
    const withoutToken = await fetch(
      `${api.baseUrl}/portal/documents/${documentId}?reference=${filed.body.reference}&token=${'B'.repeat(43)}`,
    );
    expect(withoutToken.status).toBe(404);
  });
});

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
