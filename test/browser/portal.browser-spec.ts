import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { MESSAGES } from '../../apps/api/src/portal/portal-messages.js';
import { startTestApi, type TestApi } from '../support/api-app.js';
import { BLOCKING_IMPACTS, describeFinding, runAxe } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import { rememberSecret } from '../support/secret-registry.js';
import { createStaff, type StaffMember } from '../support/staff.js';

/**
 * The patient portal in real Chromium: every right filed through its form,
 * errors a keyboard and screen-reader user can act on, axe-core on every
 * page in both languages, a double submit, the wrong-token page, and
 * screenshots at desktop and phone widths (test/artifacts/screenshots/).
 */

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 800 };
const NARROWEST = { width: 320, height: 800 };
const SCREENSHOTS = join(process.cwd(), 'test', 'artifacts', 'screenshots');
const REFERENCE = /PR-\d{4}-\d{6}/;
const FAMILY_NAME = 'Brightwater';

/** The browser's globals, typed just enough for page.evaluate (the project compiles without the DOM lib). */
interface BrowserElement {
  tagName: string;
  id: string;
  className: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
}
interface BrowserWindow {
  document: { activeElement: BrowserElement | null; documentElement: { scrollWidth: number }; body: { innerText: string } };
}

type Step = { fill: RegExp | string; value: string } | { check: RegExp | string } | { select: RegExp | string; value: string };

interface Filing {
  type: string;
  /** Patient identity asked (all but notice_copy and complaint, which ask the requester's name). */
  patient: boolean;
  given: string;
  steps: Step[];
  /** What staff must see in the filed request's details. */
  details: Record<string, unknown>;
}

/** A label as the page shows it: the text, then "(required)" or "(optional)". */
const label = (text: string): RegExp => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
const isoDate = (date: Date): string => date.toISOString().slice(0, 10);
const thisYear = new Date().getUTCFullYear();

/** Valid answers for each right, from its *_DETAILS_SCHEMA, entered by visible label like a person would. */
const FILINGS: Filing[] = [
  {
    type: 'access',
    patient: true,
    given: 'Ada',
    steps: [
      { check: 'Get a copy of my records' },
      { fill: label('Which records do you want?'), value: 'All my records from 2025' },
      { check: 'Electronic (a computer file)' },
      { select: label('How do you want to get your copy?'), value: 'portal' },
    ],
    details: { accessType: 'copy', recordsRequested: 'All my records from 2025', format: 'electronic', delivery: 'portal' },
  },
  {
    type: 'amendment',
    patient: true,
    given: 'Amos',
    steps: [
      { fill: label('Which record is wrong or missing something?'), value: 'My allergy list' },
      { fill: label('What should we change or add?'), value: 'Remove the penicillin allergy: I have never had one.' },
      { fill: label('Why should we change it?'), value: 'An allergist tested me in 2024.' },
    ],
    details: { recordDescription: 'My allergy list', requestedChange: 'Remove the penicillin allergy: I have never had one.' },
  },
  {
    type: 'accounting',
    patient: true,
    given: 'Acton',
    steps: [
      { fill: label('Start date of the list'), value: `${thisYear - 2}-01-01` },
      { fill: label('End date of the list'), value: `${thisYear - 1}-06-30` },
    ],
    details: { periodFrom: `${thisYear - 2}-01-01`, periodTo: `${thisYear - 1}-06-30` },
  },
  {
    type: 'restriction',
    patient: true,
    given: 'Rhea',
    steps: [
      { fill: label('What information do you want us to limit, and how?'), value: 'Do not tell my brother about my test results.' },
      { fill: label('Who should not get it?'), value: 'My brother' },
      { check: 'Sharing it with family or friends involved in my care' },
    ],
    details: { scope: 'Do not tell my brother about my test results.', recipient: 'My brother', purpose: 'persons_involved' },
  },
  {
    type: 'confidential_communication',
    patient: true,
    given: 'Cora',
    steps: [
      { fill: label('Other way to contact you'), value: 'Only my mobile phone, no voicemail' },
      { check: label('Contacting me the usual way could put me in danger') },
    ],
    details: { alternativeContactMethod: 'Only my mobile phone, no voicemail', endangermentStatement: true },
  },
  {
    type: 'notice_copy',
    patient: false,
    given: 'Nola',
    steps: [{ check: label('I want a paper copy') }, { fill: label('Where should we send it?'), value: '12 Elm Street, Springfield' }],
    details: { paperRequested: true, deliveryAddress: '12 Elm Street, Springfield' },
  },
  {
    type: 'complaint',
    patient: false,
    given: 'Cato',
    steps: [
      { select: label('What is your complaint about?'), value: 'privacy_practice' },
      { fill: label('Tell us what happened'), value: 'A receptionist read my diagnosis aloud in the waiting room.' },
      { fill: label('When did you find out about it?'), value: isoDate(new Date(Date.now() - 10 * 86_400_000)) },
    ],
    details: { category: 'privacy_practice', subject: 'A receptionist read my diagnosis aloud in the waiting room.' },
  },
  {
    type: 'authorization_revocation',
    patient: true,
    given: 'Ravi',
    steps: [
      { check: 'In writing (this form or a letter)' },
      { fill: label('Which permission form?'), value: 'Form AUTH-7, signed 2025-01-15' },
    ],
    details: { form: 'written', authorizationReference: 'Form AUTH-7, signed 2025-01-15' },
  },
  {
    type: 'communication_opt_out',
    patient: true,
    given: 'Otto',
    steps: [
      { select: label('What do you want us to do?'), value: 'directory_restriction' },
      { check: 'My religion' },
      { check: 'Where I am in the building' },
    ],
    details: { kind: 'directory_restriction', fields: expect.arrayContaining(['religion', 'location']) },
  },
];

describe('patient portal in Chromium (45 CFR 164.524(b)(1), 164.514(h); WCAG 2.2 AA)', () => {
  let api: TestApi;
  let browser: Browser;
  let officer: StaffMember;
  const contexts: BrowserContext[] = [];
  let address = 10;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    [api, browser] = await Promise.all([startTestApi(), launchBrowser()]);
    officer = await createStaff(api, ['privacy_officer']);
    rememberSecret(FAMILY_NAME, 'Doubleclick', 'Twopostson', 'Keyboardson', 'Lookupford');
  }, 60_000);

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  }, 30_000);

  /**
   * A fresh browser profile, seen by the API as its own address (the API trusts
   * X-Forwarded-For) so the per-address filing and guessing limits of one test
   * never slow another. `bypassCSP` only where axe-core is injected.
   */
  async function openPage(options: { bypassCSP?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({
      baseURL: api.baseUrl,
      viewport: DESKTOP,
      locale: 'en-US',
      bypassCSP: options.bypassCSP ?? false,
      extraHTTPHeaders: { 'x-forwarded-for': `198.51.100.${address++}` },
    });
    contexts.push(context);
    return context.newPage();
  }

  /** Clicks (or otherwise triggers) a form post to /portal/requests and waits for the page it answers with. */
  async function submitFiling(page: Page, trigger: () => Promise<unknown>): Promise<Response> {
    const [response] = await Promise.all([
      page.waitForResponse(
        (candidate) => candidate.request().method() === 'POST' && new URL(candidate.url()).pathname === '/portal/requests',
      ),
      trigger(),
    ]);
    await page.waitForURL(/\/portal\/requests$/);
    await page.waitForLoadState('load');
    return response;
  }

  const sendButton = (page: Page, lang: 'en' | 'es' = 'en') => page.getByRole('button', { name: MESSAGES[lang]['form.submit'] });

  async function fillIdentity(page: Page, filing: Pick<Filing, 'patient' | 'given'>, familyName = FAMILY_NAME): Promise<void> {
    if (filing.patient) {
      await page.getByLabel(label('First name')).fill(filing.given);
      await page.getByLabel(label('Last name')).fill(familyName);
      await page.getByLabel(label('Date of birth')).fill('1985-05-20');
    } else {
      await page.getByLabel(label('Your full name')).fill(`${filing.given} ${familyName}`);
    }
  }

  async function runSteps(page: Page, steps: Step[]): Promise<void> {
    for (const step of steps) {
      if ('fill' in step) await page.getByLabel(step.fill).fill(step.value);
      else if ('select' in step) await page.getByLabel(step.select).selectOption(step.value);
      else await page.getByLabel(step.check, { exact: typeof step.check === 'string' }).check();
    }
  }

  /** The reference, secret code and due date a confirmation page shows. */
  async function readConfirmation(page: Page, lang: 'en' | 'es' = 'en') {
    const reference = REFERENCE.exec(await page.locator('.reference').innerText())?.[0];
    const token = (await page.locator('code.secret').innerText()).trim();
    rememberSecret(token);
    const dueText = lang === 'en' ? await page.getByText(/^We (must|aim to) answer by /).innerText() : '';
    return { reference: reference!, token, dueText };
  }

  /** A request filed through the portal's JSON twin (POST /api/v1/public/requests), for tests that start at the status pages. */
  async function fileByApi(type: string, details: Record<string, unknown>): Promise<{ reference: string; token: string }> {
    const answer = await api.request('POST', '/api/v1/public/requests', {
      body: { type, language: 'en', patient: { givenName: 'Lena', familyName: 'Lookupford', dateOfBirth: '1990-03-04' }, details },
    });
    expect(answer.status).toBe(201);
    rememberSecret(answer.body.statusToken);
    return { reference: answer.body.reference, token: answer.body.statusToken };
  }

  /** Staff's search (a reference, or part of the patient's name). */
  async function staffFind(query: string) {
    const found = await api.request('GET', `/api/v1/requests?q=${encodeURIComponent(query)}`, { token: officer.token });
    expect(found.status).toBe(200);
    return found.body.items as { id: string; reference: string; type: string; status: string; channel: string }[];
  }

  async function staffDetails(id: string): Promise<Record<string, unknown>> {
    const one = await api.request('GET', `/api/v1/requests/${id}`, { token: officer.token });
    expect(one.status).toBe(200);
    return one.body.details;
  }

  const bodyText = (page: Page) => page.evaluate(() => (globalThis as unknown as BrowserWindow).document.body.innerText);

  const focused = (page: Page) =>
    page.evaluate(() => {
      const element = (globalThis as unknown as BrowserWindow).document.activeElement;
      if (!element) return null;
      return {
        tag: element.tagName.toLowerCase(),
        id: element.id,
        type: element.getAttribute('type') ?? '',
        className: element.className,
        text: (element.textContent ?? '').trim(),
      };
    });

  describe('filing each right through its form', () => {
    it.each(FILINGS)(
      'files $type from the list of rights, confirms it with a reference and a due date, and shows its status',
      async (filing) => {
        const page = await openPage();
        const cspErrors: string[] = [];
        page.on('console', (message) => {
          if (/Content.Security.Policy/i.test(message.text())) cspErrors.push(message.text());
        });

        await page.goto('/portal?lang=en');
        await page.locator(`a[href="/portal/requests/new?type=${filing.type}&lang=en"]`).click();
        await page.waitForURL(`**/portal/requests/new?type=${filing.type}&lang=en`);
        expect(await page.locator('h1').innerText()).toBe(MESSAGES.en[`rights.${filing.type}.title` as keyof typeof MESSAGES.en]);
        // The form asks patient identity only where the right belongs to a patient on record.
        expect(await page.locator('#field-patient-givenName').count()).toBe(filing.patient ? 1 : 0);

        await fillIdentity(page, filing);
        await runSteps(page, filing.steps);
        const response = await submitFiling(page, () => sendButton(page).click());
        expect(response.status()).toBe(201);

        expect(await page.locator('h1').innerText()).toBe('We received your request');
        const { reference, token, dueText } = await readConfirmation(page);
        expect(reference).toMatch(/^PR-\d{4}-\d{6}$/);
        expect(token.length).toBeGreaterThanOrEqual(32);
        const due = /answer by (.+)\.$/.exec(dueText.trim())?.[1] ?? '';
        expect(due).toMatch(/^(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}$/);
        const daysAhead = (Date.parse(`${due} UTC`) - Date.parse(`${isoDate(new Date())} UTC`)) / 86_400_000;
        expect(daysAhead).toBeGreaterThanOrEqual(0);
        expect(daysAhead).toBeLessThanOrEqual(366);

        await page.getByRole('link', { name: 'See where your request is' }).click();
        await page.waitForURL('**/portal/status?**');
        expect(await page.locator('h1').innerText()).toBe('Check on your request');
        expect(await page.locator('dd.reference').innerText()).toBe(reference);
        const row = (name: string) => page.locator('.summary__row', { has: page.locator('dt', { hasText: name }) }).locator('dd');
        expect(await row('What you asked for').innerText()).toBe(MESSAGES.en[`rights.${filing.type}.title` as keyof typeof MESSAGES.en]);
        expect(await row('Where your request is').innerText()).toBe(
          MESSAGES.en[`state.${filing.type}.received` as keyof typeof MESSAGES.en],
        );
        expect(await page.locator('.due').innerText()).toContain(due);
        expect(cspErrors).toEqual([]);

        // Staff see exactly one request, from the portal, with what the form asked.
        const items = await staffFind(reference);
        expect(items).toHaveLength(1);
        expect(items[0]).toMatchObject({ reference, type: filing.type, status: 'received', channel: 'portal' });
        expect(await staffDetails(items[0].id)).toMatchObject(filing.details);
      },
      60_000,
    );
  });

  describe('errors, keyboard and double submits', () => {
    it('shows an error summary that takes focus and links to each invalid field, marked aria-invalid, keeping what was typed', async () => {
      const page = await openPage();
      await page.goto('/portal/requests/new?type=access&lang=en');
      await page.getByLabel(label('First name')).fill('Ada');
      await page.getByLabel(label('Last name')).fill(FAMILY_NAME);
      // No date of birth, no "what do you want to do", no records: three required answers missing.
      const response = await submitFiling(page, () => sendButton(page).click());
      expect(response.status()).toBe(422);

      const summary = page.getByRole('alert');
      expect(await summary.isVisible()).toBe(true);
      expect(await summary.getByRole('heading').innerText()).toBe('There is a problem');
      expect(await page.title()).toMatch(/^Error: /);
      expect(await focused(page)).toMatchObject({ className: expect.stringContaining('error-summary') });
      const hrefs = await summary.getByRole('link').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
      expect(hrefs).toEqual(
        expect.arrayContaining(['#field-patient-dateOfBirth', '#field-details-accessType', '#field-details-recordsRequested']),
      );
      expect(await summary.getByRole('link', { name: /Which records do you want\?/ }).count()).toBe(1);

      for (const id of ['field-details-recordsRequested', 'field-details-accessType', 'field-patient-dateOfBirth']) {
        await summary.locator(`a[href="#${id}"]`).click();
        expect((await focused(page))?.id).toBe(id);
        const field = page.locator(`#${id}`);
        expect(await field.getAttribute('aria-invalid')).toBe('true');
        // The field's own error message is tied to it for screen readers.
        const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
        expect(describedBy).toContain(`${id}-error`);
        expect(await page.locator(`#${id}-error`).innerText()).toMatch(/\S/);
      }
      expect(await page.getByLabel(label('First name')).inputValue()).toBe('Ada');
      expect(await page.getByLabel(label('First name')).getAttribute('aria-invalid')).toBeNull();

      // Fixing the answers files the request.
      await page.getByLabel(label('Date of birth')).fill('1985-05-20');
      await runSteps(page, FILINGS[0].steps);
      const fixed = await submitFiling(page, () => sendButton(page).click());
      expect(fixed.status()).toBe(201);
      rememberSecret((await readConfirmation(page)).token);
    }, 60_000);

    it("lists every missing answer at once, in the page's words, each linking to a field on the page", async () => {
      const page = await openPage();
      const patientFields = ['#field-patient-givenName', '#field-patient-familyName', '#field-patient-dateOfBirth'];
      /** The summary's links after a submit: where each leads, and whether that field is on the page. */
      const summaryAfterSubmit = async () => {
        const response = await submitFiling(page, () => sendButton(page).click());
        expect(response.status()).toBe(422);
        const problems = await page
          .getByRole('alert')
          .getByRole('listitem')
          .evaluateAll((items) =>
            items.map((item) => ({ href: item.querySelector('a')?.getAttribute('href') ?? '', text: (item.textContent ?? '').trim() })),
          );
        const broken: string[] = [];
        for (const problem of problems) {
          const linked = problem.href !== '' && (await page.locator(problem.href).count()) === 1;
          if (!linked || !/^Please (answer|check): [A-Z]/.test(problem.text))
            broken.push(`"${problem.text}" -> ${problem.href || 'no link'}`);
        }
        return { hrefs: problems.map((problem) => problem.href), broken };
      };

      // Nothing answered: the patient's three answers and the two about the request.
      await page.goto('/portal/requests/new?type=access&lang=en');
      const empty = await summaryAfterSubmit();
      // Only the request answered: the patient's three answers, named by their labels.
      await runSteps(page, FILINGS[0].steps);
      const noPatient = await summaryAfterSubmit();

      expect({ empty, noPatient }).toEqual({
        empty: {
          hrefs: expect.arrayContaining([...patientFields, '#field-details-accessType', '#field-details-recordsRequested']),
          broken: [],
        },
        noPatient: { hrefs: expect.arrayContaining(patientFields), broken: [] },
      });
    }, 60_000);

    it('can be filled and sent with the keyboard alone: Tab to every control and to the button, Enter to send', async () => {
      const page = await openPage();
      await page.goto('/portal/requests/new?type=notice_copy&lang=en');
      await page.keyboard.press('Tab');
      expect(await focused(page)).toMatchObject({ tag: 'a', className: 'skip-link', text: 'Skip to main content' });

      const visited: string[] = [];
      for (let presses = 0; presses < 80; presses++) {
        const element = await focused(page);
        if (element?.tag === 'button' && element.type === 'submit') break;
        if (element?.id === 'field-requester-name') await page.keyboard.type('Kip Keyboardson');
        if (element?.id === 'field-details-paperRequested') await page.keyboard.press('Space');
        if (element?.id) visited.push(element.id);
        await page.keyboard.press('Tab');
      }
      expect(await focused(page)).toMatchObject({ tag: 'button', type: 'submit', text: 'Send my request' });
      expect(visited).toEqual(expect.arrayContaining(['field-requester-name', 'field-details-paperRequested', 'field-language']));
      expect(visited).not.toContain('field-website'); // the honeypot is out of the tab order
      expect(await page.locator('#field-details-paperRequested').isChecked()).toBe(true);

      const response = await submitFiling(page, () => page.keyboard.press('Enter'));
      expect(response.status()).toBe(201);
      const { reference } = await readConfirmation(page);
      expect(await staffDetails((await staffFind(reference))[0].id)).toMatchObject({ paperRequested: true });
    }, 60_000);

    it('files one request when the button is clicked twice quickly', async () => {
      const page = await openPage();
      // A slow answer, as on a poor connection: each post reaches the API at once, but its answer
      // is held back a little, so the second click lands while the first is still pending.
      let posted = 0;
      await page.route('**/portal/requests', async (route) => {
        const response = await route.fetch();
        posted++;
        await new Promise((resolve) => setTimeout(resolve, 400));
        await route.fulfill({ response }).catch(() => undefined); // the browser dropped the first post for the second
      });
      await page.goto('/portal/requests/new?type=amendment&lang=en');
      await fillIdentity(page, { patient: true, given: 'Dina' }, 'Doubleclick');
      await runSteps(page, FILINGS[1].steps);
      // The mouse itself (a locator's click would wait for the pending page first, as a person does not).
      await sendButton(page).scrollIntoViewIfNeeded();
      const box = (await sendButton(page).boundingBox())!;
      const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
      const firstSent = page.waitForRequest((request) => request.method() === 'POST');
      await page.mouse.click(x, y);
      await firstSent;
      const response = await submitFiling(page, () => page.mouse.click(x, y));
      expect(response.status()).toBe(201);
      expect(posted).toBe(2);
      expect(await page.locator('h1').innerText()).toBe('We received your request');
      const { reference } = await readConfirmation(page);
      expect(await staffFind(reference)).toHaveLength(1);
      // Searched by the patient's name: one request, not one per click.
      expect(await staffFind('Doubleclick')).toHaveLength(1);
    }, 60_000);

    it('files one request for two posts of the same form (same idempotency key), and both answers show it', async () => {
      const page = await openPage();
      await page.goto('/portal/requests/new?type=amendment&lang=en');
      await fillIdentity(page, { patient: true, given: 'Tess' }, 'Twopostson');
      await runSteps(page, FILINGS[1].steps);
      const fields = await page.locator('form.form').evaluate((form) => {
        const entries: Record<string, string> = {};
        for (const element of (
          form as unknown as { elements: Iterable<{ name?: string; value?: string; type?: string; checked?: boolean }> }
        ).elements) {
          if (!element.name || ((element.type === 'radio' || element.type === 'checkbox') && !element.checked)) continue;
          entries[element.name] = element.value ?? '';
        }
        return entries;
      });
      expect(fields.idempotencyKey).toMatch(/^[A-Za-z0-9-]{16,64}$/);
      // The browser context's own request API: same cookies (the CSRF secret) as the page.
      const post = () => page.context().request.post('/portal/requests', { form: { ...fields, type: 'amendment' }, maxRedirects: 0 });
      const [first, second] = await Promise.all([post(), post()]);
      expect([first.status(), second.status()]).toEqual([201, 201]);
      const referenceOf = async (answer: typeof first) => REFERENCE.exec(await answer.text())?.[0];
      const [firstReference, secondReference] = await Promise.all([referenceOf(first), referenceOf(second)]);
      expect(firstReference).toMatch(REFERENCE);
      expect(secondReference).toBe(firstReference);
      for (const answer of [first, second]) rememberSecret(/<code class="secret">([^<]+)<\/code>/.exec(await answer.text())?.[1]);
      expect(await staffFind(firstReference!)).toHaveLength(1);
      expect(await staffFind('Twopostson')).toHaveLength(1);
    }, 60_000);
  });

  describe('the status pages', () => {
    it('answers a wrong secret code with the very page an unknown reference gets', async () => {
      const { reference } = await fileByApi('access', { accessType: 'inspect', recordsRequested: 'My lab results' });
      const page = await openPage();
      const wrong = 'A'.repeat(43);
      const wrongToken = await page.goto(`/portal/status?reference=${reference}&token=${wrong}&lang=en`);
      const wrongTokenText = await bodyText(page);
      const wrongTokenTitle = await page.title();
      const unknown = await page.goto(`/portal/status?reference=PR-2099-999999&token=${wrong}&lang=en`);
      expect(wrongToken?.status()).toBe(404);
      expect(unknown?.status()).toBe(404);
      expect(wrongTokenText).toBe(await bodyText(page));
      expect(wrongTokenTitle).toBe(await page.title());
      expect(wrongTokenText).toContain(MESSAGES.en['status.notFound']);
      expect(wrongTokenText).not.toContain(reference);
    }, 60_000);

    it('opens a request from the lookup form, and answers a wrong code there as an unknown reference', async () => {
      const { reference, token } = await fileByApi('amendment', {
        recordDescription: 'My allergy list',
        requestedChange: 'Remove penicillin.',
      });
      const page = await openPage();
      const lookUp = async (ref: string, code: string) => {
        await page.goto('/portal?lang=en');
        await page.getByRole('link', { name: 'Check where your request is' }).click();
        await page.waitForURL('**/portal/status?lang=en');
        await page.getByLabel(label('Reference')).fill(ref);
        await page.getByLabel(label('Secret code')).fill(code);
        const [response] = await Promise.all([
          page.waitForResponse(
            (candidate) => new URL(candidate.url()).pathname === '/portal/status' && new URL(candidate.url()).searchParams.has('reference'),
          ),
          page.getByRole('button', { name: 'Check my request' }).click(),
        ]);
        await page.waitForLoadState('load');
        return { status: response.status(), text: await bodyText(page) };
      };

      const opened = await lookUp(reference, token);
      expect(opened.status).toBe(200);
      expect(await page.locator('dd.reference').innerText()).toBe(reference);
      expect(opened.text).toContain(MESSAGES.en['state.amendment.received']);

      const wrongCode = await lookUp(reference, 'C'.repeat(43));
      const unknownReference = await lookUp('PR-2099-999998', 'C'.repeat(43));
      expect([wrongCode.status, unknownReference.status]).toEqual([404, 404]);
      expect(wrongCode.text).toBe(unknownReference.text);
      // The reference typed is kept in its box (to fix a typo), never echoed in the page's text.
      expect(await page.getByLabel(label('Reference')).inputValue()).toBe('PR-2099-999998');
      expect(await page.getByLabel(label('Secret code')).inputValue()).toBe('');
    }, 60_000);
    it('lets the patient withdraw the request from its status page, and says so', async () => {
      const { reference, token } = await fileByApi('restriction', { scope: 'My test results', purpose: 'persons_involved' });
      const page = await openPage();
      await page.goto(`/portal/status?reference=${reference}&token=${token}&lang=en`);
      const withdraw = page.getByRole('button', { name: 'Withdraw my request' });
      await withdraw.click();
      await page.waitForURL('**/portal/status/actions');
      expect(await page.getByRole('status').innerText()).toBe('Your request was withdrawn.');
      expect(await bodyText(page)).toContain(MESSAGES.en['state.restriction.withdrawn']);
      expect(await withdraw.count()).toBe(0);
      expect((await staffFind(reference))[0]).toMatchObject({ status: 'withdrawn' });
    }, 60_000);
  });

  describe('accessibility and layout of every page', () => {
    const summary: Record<string, { passed: number; incomplete: string[]; violations: string[] }> = {};

    afterAll(() => {
      writeFileSync(join(SCREENSHOTS, '..', 'axe-summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    });

    it.each(['en', 'es'] as const)(
      'has no serious or critical axe violations, fits 320 px without sideways scrolling, and is screenshotted (%s)',
      async (lang) => {
        const page = await openPage({ bypassCSP: true });
        const blocking: string[] = [];
        const overflowing: string[] = [];

        const check = async (name: string) => {
          await page.setViewportSize(DESKTOP);
          const report = await runAxe(page);
          expect(report.passed).toBeGreaterThan(10);
          const findings = report.violations;
          summary[`${name}-${lang}`] = {
            passed: report.passed,
            incomplete: report.incomplete,
            violations: findings.map((finding) => `${finding.impact}:${finding.id} (${finding.targets.length})`),
          };
          blocking.push(
            ...findings
              .filter((finding) => BLOCKING_IMPACTS.includes(finding.impact))
              .map((finding) => describeFinding(`${name} (${lang})`, finding)),
          );
          await page.screenshot({ path: join(SCREENSHOTS, `${name}-${lang}-desktop.png`), fullPage: true });
          await page.setViewportSize(PHONE);
          await page.screenshot({ path: join(SCREENSHOTS, `${name}-${lang}-375.png`), fullPage: true });
          await page.setViewportSize(NARROWEST);
          const scrollWidth = await page.evaluate(() => (globalThis as unknown as BrowserWindow).document.documentElement.scrollWidth);
          if (scrollWidth > NARROWEST.width) overflowing.push(`${name} (${lang}): ${scrollWidth}px wide at 320px`);
          await page.setViewportSize(DESKTOP);
        };
        const t = MESSAGES[lang];

        await page.goto(`/portal?lang=${lang}`);
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        await check('index');

        await page.goto(`/portal/requests/new?type=access&lang=${lang}`);
        await check('form');

        const invalid = await submitFiling(page, () => sendButton(page, lang).click());
        expect(invalid.status()).toBe(422);
        expect(await page.getByRole('alert').getByRole('heading').innerText()).toBe(t['form.errors.title']);
        await check('form-errors');

        await page.locator('#field-patient-givenName').fill('Lucia');
        await page.locator('#field-patient-familyName').fill(FAMILY_NAME);
        await page.locator('#field-patient-dateOfBirth').fill('1979-11-02');
        await page.locator('#field-details-accessType-copy').check();
        await page.locator('#field-details-recordsRequested').fill(lang === 'es' ? 'Todos mis registros' : 'All my records');
        const filedPage = await submitFiling(page, () => sendButton(page, lang).click());
        expect(filedPage.status()).toBe(201);
        expect(await page.locator('h1').innerText()).toBe(t['confirmation.title']);
        const { reference } = await readConfirmation(page, lang);
        await check('confirmation');

        await page.getByRole('link', { name: t['confirmation.status.link'] }).click();
        await page.waitForURL('**/portal/status?**');
        expect(await page.locator('dd.reference').innerText()).toBe(reference);
        expect(await bodyText(page)).toContain(t['state.access.received']);
        await check('status');

        await page.goto(`/portal/status?lang=${lang}`);
        expect(await page.locator('h1').innerText()).toBe(t['status.title']);
        await check('status-lookup');

        const notFound = await page.goto(`/portal/status?reference=PR-2099-999999&token=${'B'.repeat(43)}&lang=${lang}`);
        expect(notFound?.status()).toBe(404);
        expect(await page.getByRole('alert').innerText()).toContain(t['status.notFound']);
        await check('status-not-found');

        expect({ blocking, overflowing }).toEqual({ blocking: [], overflowing: [] });
      },
      90_000,
    );
  });
});
