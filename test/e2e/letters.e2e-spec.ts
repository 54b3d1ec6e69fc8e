import { QueueEvents } from 'bullmq';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { LETTERS, buildLetterModel, letterInputsFrom, longDate, renderLetter } from '#documents';
import { calendarDateIn, type RequestType } from '#domain';
import { OutboxRelayService, QueueName, QueueRegistry, redisConnection } from '#jobs';
import { LetterSourcesRepository, RequestEvent, RequestRecord } from '#persistence';
import { JobRunner } from '../../apps/worker/src/runner/job-runner.js';
import { startTestApi, type TestApi } from '../support/api-app.js';
import { pdfFonts, pdfText, qpdfCheck } from '../support/pdf.js';
import { PROBLEM_JSON, RequestDriver, plusDays, todayIn, type IntakeOptions, type Json } from '../support/request-scenarios.js';
import { createStaff, type StaffMember } from '../support/staff.js';
import { startTestWorker, type TestWorker } from '../support/worker-app.js';

/**
 * Letters: every action that must write to the individual makes its letter
 * (outbox → BullMQ → documents worker → stored PDF), a required letter that
 * cannot be made refuses its action, and stored letters never change.
 * Templates: libs/documents/src/letters; which action emits which letter:
 * libs/domain/src/requests/<type>/<type>.machine.ts and requests.service.ts (intake).
 */

/** The action whose timeline event asks for each template. */
const EMITTED_BY: Record<string, string[]> = {
  acknowledgement: ['receive'],
  complaint_acknowledgement: ['receive'],
  extension_notice: ['extend'],
  access_fulfilment: ['fulfil'],
  access_denial: ['deny', 'deny_in_part'],
  access_referral: ['refer'],
  review_outcome: ['uphold_denial', 'reverse_denial'],
  notice_copy: ['send'],
  amendment_acceptance: ['accept'],
  amendment_denial: ['deny', 'deny_in_part'],
  rebuttal: ['send_rebuttal_copy'],
  accounting_fee_notice: ['send_fee_notice'],
  accounting: ['provide'],
  accounting_unverified: ['refuse_unverified'],
  restriction_agreed: ['agree'],
  restriction_declined: ['decline'],
  restriction_terminated: ['terminate_by_clinic'],
  confidential_communication_accommodated: ['accommodate'],
  confidential_communication_declined: ['decline_unreasonable'],
  complaint_disposition: ['resolve'],
  revocation_confirmation: ['confirm_effective'],
  revocation_not_in_writing: ['close_without_writing'],
};

type Who = 'officer' | 'reviewer';
type Step = [action: string, input?: Json | ((ctx: StepCtx) => Json), as?: Who];
interface StepCtx {
  request: Json;
  today: string;
  determinerId: string;
  reviewerId: string;
}
interface Scenario {
  name: string;
  type: RequestType;
  intake?: IntakeOptions | ((ctx: { driver: RequestDriver; today: string }) => Promise<IntakeOptions>);
  steps: Step[];
}

const verified = { method: 'photo_id_in_person', documentsRelied: 'Driver licence seen at the front desk' };
const EXTENSION_REASONS = 'The records are archived off site and must be retrieved.';
const FEE_NOTICE = { feeCents: 2500, explanation: 'Staff time to compile the list: 1 hour at $25.' };
const reviewableDenial = ({ determinerId }: StepCtx) => ({
  grounds: ['endangers_life_or_safety'],
  basis: 'A licensed professional determined that access is reasonably likely to endanger the patient’s life.',
  determinedBy: determinerId,
});
const deniedAndAssigned: Step[] = [
  ['deny', reviewableDenial],
  ['request_review'],
  ['assign_reviewer', ({ reviewerId }) => ({ reviewerId })],
];

/** Scenarios whose actions, together, ask for every template at least once. */
const SCENARIOS: Scenario[] = [
  {
    name: 'access extended, granted and fulfilled',
    type: 'access',
    steps: [
      ['extend', ({ request }) => ({ reasons: EXTENSION_REASONS, newDueOn: request.deadline.extensionMaxOn })],
      ['verify_identity', verified],
      ['grant', { accessType: 'copy', format: 'electronic', delivery: 'portal' }],
      ['fulfil', { deliveredVia: 'portal', feeCents: 0 }],
    ],
  },
  {
    name: 'access denied, review upheld',
    type: 'access',
    steps: [
      ...deniedAndAssigned,
      ['uphold_denial', { standardsApplied: ['endangers_life_or_safety'], explanation: 'The risk is real.' }, 'reviewer'],
    ],
  },
  {
    name: 'access denied, review reversed, fulfilled',
    type: 'access',
    steps: [
      ...deniedAndAssigned,
      ['reverse_denial', { explanation: 'The risk is not reasonably likely.' }, 'reviewer'],
      ['verify_identity', verified],
      ['fulfil', { deliveredVia: 'mail' }],
    ],
  },
  {
    name: 'access denied in part',
    type: 'access',
    steps: [
      ['verify_identity', verified],
      [
        'deny_in_part',
        {
          grounds: ['psychotherapy_notes'],
          basis: 'Psychotherapy notes are not part of the access right.',
          withheld: 'Psychotherapy notes of 2024',
        },
      ],
    ],
  },
  {
    name: 'access referred',
    type: 'access',
    steps: [['refer', { holderName: 'Riverside Imaging Center', holderAddress: '1 River Road, Springfield' }]],
  },
  {
    name: 'amendment accepted',
    type: 'amendment',
    steps: [
      ['verify_identity', verified],
      ['accept', { recordsAffected: 'Allergy list', personsToNotify: [{ name: 'Dr. Lee, Cardiology', kind: 'known_holder' }] }],
    ],
  },
  {
    name: 'amendment denied, disagreement, rebuttal',
    type: 'amendment',
    steps: [
      ['deny', { grounds: ['accurate_and_complete'], basis: 'The allergy entry is accurate and complete.' }],
      ['file_disagreement', { statement: 'I never had an allergic reaction.' }],
      ['prepare_rebuttal', { rebuttal: 'The 2019 reaction is documented by the emergency department.' }],
      ['send_rebuttal_copy', { sentVia: 'mail' }],
    ],
  },
  {
    name: 'a second accounting within 12 months, with a fee',
    type: 'accounting',
    // The first accounting for the patient, provided free today, makes its own "accounting" letter.
    intake: async ({ driver, today }) => {
      const first = await driver.create('accounting');
      await driver.walk(first.id, [
        ['verify_identity', verified],
        ['provide', { periodFrom: plusDays(today, -365), periodTo: today }],
      ]);
      return { patientId: first.patientId };
    },
    steps: [
      ['send_fee_notice', FEE_NOTICE],
      ['accept_fee'],
      ['verify_identity', verified],
      ['provide', ({ today }) => ({ periodFrom: plusDays(today, -365), periodTo: today, feeCents: 2500 })],
    ],
  },
  {
    name: 'accounting refused as unverified',
    type: 'accounting',
    steps: [['refuse_unverified', { reason: 'identity_not_verified', note: 'Two call-backs unanswered.' }]],
  },
  {
    name: 'restriction agreed, then ended by the clinic',
    type: 'restriction',
    steps: [
      ['agree', { note: 'Flag set in the EHR.' }],
      ['terminate_by_clinic', ({ today }) => ({ noticeOn: today })],
    ],
  },
  {
    name: 'restriction declined',
    type: 'restriction',
    steps: [['decline', { explanation: 'Our system cannot honor it.' }]],
  },
  {
    name: 'confidential communication accommodated',
    type: 'confidential_communication',
    steps: [['accommodate', { alternativeAddress: 'PO Box 12, Springfield' }]],
  },
  {
    name: 'confidential communication declined',
    type: 'confidential_communication',
    steps: [
      [
        'decline_unreasonable',
        { reasonCode: 'not_reasonable_to_accommodate', explanation: 'We cannot deliver to a location outside the country.' },
      ],
    ],
  },
  {
    name: 'notice copy sent',
    type: 'notice_copy',
    intake: { noPatient: true },
    steps: [['send', { method: 'paper', noticeVersion: '2026-02-16', address: '12 Elm Street, Springfield' }]],
  },
  {
    name: 'complaint resolved',
    type: 'complaint',
    steps: [
      [
        'resolve',
        {
          disposition: 'The request was answered late; staff retrained on the 30-day rule.',
          outcome: 'substantiated',
          sanctionsApplied: false,
        },
      ],
    ],
  },
  {
    name: 'authorization revocation confirmed',
    type: 'authorization_revocation',
    steps: [['confirm_effective', { authorizationReference: 'AUTH-2025-0042' }]],
  },
  {
    name: 'oral authorization revocation never put in writing',
    type: 'authorization_revocation',
    intake: { details: { form: 'oral' } },
    steps: [['close_without_writing', { note: 'Reminder letter sent, no answer.' }]],
  },
];

interface Downloaded {
  status: number;
  contentType: string | null;
  etag: string | null;
  bytes: Buffer;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const fields = (body: Json): string[] => ((body.errors ?? []) as Json[]).map((error) => error.field as string);

describe('letters (45 CFR 164.524(d), 164.526(d), 164.528(c), 164.522, 164.520(c), 164.530(d), 164.508(b)(5))', () => {
  let api: TestApi;
  let worker: TestWorker;
  let officer: StaffMember;
  let determiner: StaffMember;
  let reviewer: StaffMember;
  let driver: RequestDriver;
  let queueEvents: QueueEvents;
  let db: pg.Client;
  let today: string;

  beforeAll(async () => {
    api = await startTestApi();
    worker = await startTestWorker(api.config);
    [officer, determiner, reviewer] = await Promise.all([
      createStaff(api, ['privacy_officer'], 'Pat Officer'),
      createStaff(api, ['reviewer'], 'Dana Determiner'),
      createStaff(api, ['reviewer'], 'Robin Reviewer'),
    ]);
    driver = new RequestDriver(api, officer.token);
    queueEvents = new QueueEvents(QueueName.Documents, {
      connection: redisConnection(api.config.redis.url),
      prefix: api.config.redis.prefix,
    });
    await queueEvents.waitUntilReady();
    db = new pg.Client({ connectionString: api.database.url });
    await db.connect();
    today = todayIn(api.config.organisation.timeZone);
  });

  afterAll(async () => {
    await db?.end();
    await queueEvents?.close();
    await worker?.close();
    await api?.close();
  });

  async function download(href: string, token = officer.token): Promise<Downloaded> {
    const response = await fetch(`${api.baseUrl}${href}`, { headers: { authorization: `Bearer ${token}` } });
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      etag: response.headers.get('etag'),
      bytes: Buffer.from(await response.arrayBuffer()),
    };
  }

  const documentsOf = async (requestId: string): Promise<Json[]> => {
    const response = await api.request('GET', `/api/v1/requests/${requestId}/documents`, { token: officer.token });
    expect(response.status).toBe(200);
    return response.body as Json[];
  };

  /** Relays the outbox and waits, job by job, until the documents worker has finished each pending `document.render`. */
  async function renderPendingLetters(): Promise<string[]> {
    const pending = await db.query<{ job_id: string }>(
      `SELECT job_id FROM outbox_messages WHERE job_name = 'document.render' AND dispatched_at IS NULL ORDER BY id`,
    );
    await worker.app.get(OutboxRelayService).drain();
    const queue = worker.app.get(QueueRegistry).get(QueueName.Documents);
    // The worker runs them concurrently; waiting one by one keeps the listeners on the queue few.
    for (const { job_id: jobId } of pending.rows) {
      const job = await queue.getJob(jobId);
      if (!job) throw new Error(`document.render job ${jobId} was not relayed`);
      await job.waitUntilFinished(queueEvents, 20_000);
    }
    return pending.rows.map((row) => row.job_id);
  }

  async function runScenario(scenario: Scenario): Promise<Json> {
    const intake = typeof scenario.intake === 'function' ? await scenario.intake({ driver, today }) : scenario.intake;
    let request = await driver.create(scenario.type, intake);
    for (const [action, input, as] of scenario.steps) {
      const body =
        typeof input === 'function' ? input({ request, today, determinerId: determiner.user.id, reviewerId: reviewer.user.id }) : input;
      request = await driver.act(request.id, action, body ?? {}, { token: (as === 'reviewer' ? reviewer : officer).token });
    }
    return driver.get(request.id);
  }

  describe('1. every template is made by the action that needs it', () => {
    /** Every request the scenarios touched (an accounting intake makes a first accounting too), with its documents. */
    const made = new Map<string, { request: Json; documents: Json[] }>();
    const byTemplate = new Map<string, { request: Json; document: Json }[]>();
    const pdfs = new Map<string, Buffer>();

    beforeAll(async () => {
      const finals: Json[] = [];
      for (const scenario of SCENARIOS) finals.push(await runScenario(scenario));
      const jobs = await renderPendingLetters();
      expect(jobs.length).toBeGreaterThanOrEqual(Object.keys(LETTERS).length);

      const ids = (await db.query<{ id: string }>('SELECT id FROM requests ORDER BY received_at')).rows.map((row) => row.id);
      for (const id of ids) {
        const request = await driver.get(id);
        const documents = await documentsOf(id);
        made.set(id, { request, documents });
        for (const document of documents) {
          byTemplate.set(document.template, [...(byTemplate.get(document.template) ?? []), { request, document }]);
        }
      }
      expect(ids).toEqual(expect.arrayContaining(finals.map((final) => final.id)));
    }, 30_000);

    const only = async (template: string, predicate: (request: Json, document: Json) => boolean = () => true) => {
      const found = (byTemplate.get(template) ?? []).find(({ request, document }) => predicate(request, document));
      if (!found) throw new Error(`no ${template} letter was made`);
      const pdf = pdfs.get(found.document.id) ?? (await download(found.document.href)).bytes;
      return { ...found, pdf, text: pdfText(pdf) };
    };

    it('makes the 22 templates of the catalogue, no more and no fewer', () => {
      expect(Object.keys(LETTERS)).toHaveLength(22);
      expect([...byTemplate.keys()].sort()).toEqual(Object.keys(LETTERS).sort());
      expect(Object.keys(EMITTED_BY).sort()).toEqual(Object.keys(LETTERS).sort());
    });

    it('makes each letter from the timeline event that asked for it, exactly once, and skips none in a configured clinic', () => {
      for (const { request, documents } of made.values()) {
        const timeline = request.timeline as Json[];
        const asked = timeline.flatMap((event) =>
          (event.effects as Json[]).filter((effect) => effect.kind === 'letter').map((effect) => `${effect.template}@v${event.version}`),
        );
        expect({ reference: request.reference, letters: documents.map((d) => `${d.template}@v${d.requestVersion}`).sort() }).toEqual({
          reference: request.reference,
          letters: asked.sort(),
        });
        for (const document of documents) {
          const event = timeline.find((e) => e.version === document.requestVersion);
          expect({
            template: document.template,
            action: event?.action,
            expected: EMITTED_BY[document.template]?.includes(event?.action),
          }).toEqual({
            template: document.template,
            action: event?.action,
            expected: true,
          });
        }
        expect(timeline.flatMap((event) => (event.effects as Json[]).filter((effect) => effect.kind === 'letter_skipped'))).toEqual([]);
      }
    });

    it('serves every document as a PDF whose ETag is the SHA-256 of its bytes; each passes qpdf --check with every font embedded', async () => {
      const all = [...made.values()].flatMap(({ request, documents }) => documents.map((document) => ({ request, document })));
      expect(all.length).toBeGreaterThanOrEqual(22);
      await Promise.all(
        all.map(async ({ request, document }) => {
          expect(document).toMatchObject({
            requestId: request.id,
            contentType: 'application/pdf',
            href: `/api/v1/documents/${document.id}`,
          });
          const file = await download(document.href);
          pdfs.set(document.id, file.bytes);
          const digest = sha256(file.bytes);
          expect({ template: document.template, status: file.status, contentType: file.contentType, etag: file.etag }).toEqual({
            template: document.template,
            status: 200,
            contentType: expect.stringMatching(/^application\/pdf/),
            etag: `"${digest}"`,
          });
          expect({ template: document.template, sha256: document.sha256, sizeBytes: document.sizeBytes }).toEqual({
            template: document.template,
            sha256: digest,
            sizeBytes: file.bytes.length,
          });
          expect(file.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        }),
      );
      for (const { request, document } of all) {
        const pdf = pdfs.get(document.id)!;
        const check = qpdfCheck(pdf);
        expect({ template: document.template, ok: check.ok, output: check.ok ? '' : check.output }).toEqual({
          template: document.template,
          ok: true,
          output: '',
        });
        const fonts = pdfFonts(pdf);
        expect(fonts.length).toBeGreaterThan(0);
        expect({ template: document.template, notEmbedded: fonts.filter((font) => !font.embedded).map((font) => font.name) }).toEqual({
          template: document.template,
          notEmbedded: [],
        });
        expect({ template: document.template, hasReference: pdfText(pdf).includes(request.reference) }).toEqual({
          template: document.template,
          hasReference: true,
        });
      }
    });

    it('extension notice: the reasons for the delay and the date by which we will act (45 CFR 164.524(b)(2)(ii))', async () => {
      const { request, text } = await only('extension_notice', (r) => r.type === 'access');
      expect(request.dueOn).toBe(request.deadline.extensionMaxOn);
      expect(text).toContain(`Reference: ${request.reference}`);
      expect(text).toContain(EXTENSION_REASONS);
      // The original limit is 30 days after receipt (164.524(b)(2)(i)); the new date is the one the extension set.
      expect(text).toContain(`We had until ${longDate(plusDays(request.receivedOn, 30), 'en')} to answer, but we need more time.`);
      expect(text).toContain(`We will finish acting on your request, and send you our answer, by ${longDate(request.dueOn, 'en')}.`);
      expect(text).toContain('The law allows only one extension, of no more than 30 days.');
    });

    it('access denial: the basis, the right to a review by a licensed professional, and how to complain to us and to HHS (45 CFR 164.524(d)(2))', async () => {
      const { request, text } = await only('access_denial', (_r, d) => d.title.endsWith(': denied'));
      expect(text).toContain(`Reference: ${request.reference}`);
      expect(text).toContain('A licensed professional determined that access is reasonably likely to endanger');
      // (d)(2)(ii): the review rights and how to exercise them.
      expect(text).toContain(
        'You have the right to have this decision reviewed by a licensed health care professional who was not involved in it.',
      );
      expect(text).toContain('To ask for a review, write to or call Pat Privacy, Privacy Officer, at (555) 010-0100');
      // (d)(2)(iii): how to complain to the covered entity and to the Secretary, with the contact's name and phone.
      expect(text).toContain('You can complain to us: contact Pat Privacy, Privacy Officer, at (555) 010-0100');
      expect(text).toContain('You can also complain to the U.S. Department of Health and Human Services, Office for Civil Rights');
    });

    it('partial access denial: says what is withheld, and offers no review on an unreviewable ground (45 CFR 164.524(a)(2), (d)(1))', async () => {
      const { text } = await only('access_denial', (_r, d) => d.title.endsWith('partly denied'));
      expect(text).toContain('Psychotherapy notes of 2024');
      expect(text).toContain('You will get everything else you asked for.');
      expect(text).not.toContain('Your right to a review');
      expect(text).toContain('You can also complain to the U.S. Department of Health and Human Services');
    });

    it('review outcome: the reviewer’s decision, upheld or reversed (45 CFR 164.524(d)(4))', async () => {
      const upheld = await only('review_outcome', (r) => r.decision.reviewOutcome === 'upheld');
      expect(upheld.text).toContain('The reviewer agreed with our decision. The denial stands.');
      expect(upheld.text).toContain('The risk is real.');
      const reversed = await only('review_outcome', (r) => r.decision.reviewOutcome !== 'upheld');
      expect(reversed.text).toContain('The reviewer decided that you should get access to the records we had withheld.');
    });

    it('amendment denial: the right to file a statement of disagreement and how (45 CFR 164.526(d)(1)(ii)-(iii))', async () => {
      const { request, text } = await only('amendment_denial');
      expect(text).toContain(`Reference: ${request.reference}`);
      expect(text).toContain('We reviewed the information and found that it is accurate and complete.');
      expect(text).toContain('You have the right to send us a written statement saying that you disagree with this decision and why.');
      expect(text).toContain('write your statement in no more than 4,000 characters');
      expect(text).toContain('you may ask us to include your request for a change and this letter with any future disclosures');
      expect(text).toContain('You can also complain to the U.S. Department of Health and Human Services');
    });

    it('accounting fee notice: the fee in advance, and the chance to withdraw or narrow the request (45 CFR 164.528(c)(2))', async () => {
      const { request, text } = await only('accounting_fee_notice');
      expect(text).toContain(`Reference: ${request.reference}`);
      expect(text).toContain('$25.00');
      expect(text).toContain('You may withdraw or change your request to avoid the fee or lower it.');
      expect(text).toContain('Withdraw your request and pay nothing.');
    });

    it('rebuttal: the individual gets a copy of the statement’s rebuttal (45 CFR 164.526(d)(3))', async () => {
      const { text } = await only('rebuttal');
      expect(text).toContain('The 2019 reaction is documented by the emergency department.');
    });

    it('acknowledgement: the answer date the law set at intake, even when the letter is rendered after an extension (45 CFR 164.524(b)(2)(i))', async () => {
      const extended = (r: Json) => (r.timeline as Json[]).some((event) => event.action === 'extend');
      const { request, text } = await only('acknowledgement', extended);
      expect(request.dueOn).not.toBe(plusDays(request.receivedOn, 30));
      expect(text).toContain(`The law gives us until ${longDate(plusDays(request.receivedOn, 30), 'en')} to answer your request.`);
    });

    it('acknowledgement and extension notice: name what was asked for once, in plain words', async () => {
      for (const template of ['acknowledgement', 'extension_notice']) {
        const { text } = await only(template, (r) => r.type === 'access');
        expect(text).toContain('We received your request for access to your health records');
        expect({ template, doubled: text.includes('your request for your request') }).toEqual({ template, doubled: false });
      }
    });

    it('accounting refused as unverified: the letter matches the closed request, and says how to ask again (45 CFR 164.514(h)(1))', async () => {
      const { request, text } = await only('accounting_unverified');
      expect(request).toMatchObject({ status: 'refused_unverified', open: false, allowedActions: [] });
      expect(text).toContain('We have not yet been able to confirm your identity.');
      expect(text).toContain('Bring a photo ID to our office, or call (555) 010-0100.');
      expect(text).not.toContain('Your request stays open');
    });

    it('confidential communication accommodated: mailed to the alternative address, with no stray address line (45 CFR 164.522(b)(1))', async () => {
      const { text } = await only('confidential_communication_accommodated');
      expect(text).toContain('How we will contact you Address PO Box 12, Springfield');
      expect(text).toContain('PO Box 12, Springfield Reference:');
    });
  });

  describe('2. a required letter that cannot be made refuses its action', () => {
    it('refuses a denial with 422 LETTER_INCOMPLETE when the contact phone is blank, changing nothing (45 CFR 164.524(d)(2)(iii))', async () => {
      const request = await driver.create('access');
      const before = await driver.get(request.id);
      const outboxBefore = await db.query('SELECT id FROM outbox_messages WHERE payload->>$1 = $2', ['requestId', request.id]);
      await db.query(`UPDATE organisation_profile SET privacy_officer = jsonb_set(privacy_officer, '{phone}', '""')`);
      try {
        const response = await driver.attempt(request.id, 'deny', {
          grounds: ['litigation_material'],
          basis: 'Compiled in anticipation of litigation.',
          expectedVersion: before.version,
        });
        expect(response.status).toBe(422);
        expect(response.headers.get('content-type')).toContain(PROBLEM_JSON);
        expect(response.body).toMatchObject({ status: 422, reason: 'LETTER_INCOMPLETE' });
        expect(fields(response.body)).toContain('letters.access_denial.organisation.privacyOfficer.phone');
        // Only the phone is missing: nothing else is named.
        expect(fields(response.body).every((field) => field.startsWith('letters.access_denial.'))).toBe(true);
      } finally {
        await db.query(`UPDATE organisation_profile SET privacy_officer = jsonb_set(privacy_officer, '{phone}', '"(555) 010-0100"')`);
      }
      const after = await driver.get(request.id);
      expect({ status: after.status, version: after.version, decision: after.decision, timeline: after.timeline }).toEqual({
        status: before.status,
        version: before.version,
        decision: before.decision,
        timeline: before.timeline,
      });
      const outboxAfter = await db.query('SELECT id FROM outbox_messages WHERE payload->>$1 = $2', ['requestId', request.id]);
      expect(outboxAfter.rows).toEqual(outboxBefore.rows);
      // With the phone back, the same denial goes through.
      const denied = await driver.act(request.id, 'deny', {
        grounds: ['litigation_material'],
        basis: 'Compiled in anticipation of litigation.',
      });
      expect(denied).toMatchObject({ status: 'denied', version: before.version + 1 });
    });
  });

  describe('4. rendering is idempotent and deterministic', () => {
    it('stores one document for a document.render job run twice, byte-identical to a fresh render of the same model', async () => {
      const request = await driver.create('restriction', { details: { scope: 'Disclosures about the 2025 physiotherapy visits' } });
      const agreed = await driver.act(request.id, 'agree', { note: 'Flag set in the EHR.' });
      const rows = await db.query<{ payload: { requestId: string; template: string; requestVersion: number } }>(
        `SELECT payload FROM outbox_messages WHERE job_name = 'document.render' AND payload->>'requestId' = $1 AND payload->>'template' = 'restriction_agreed'`,
        [request.id],
      );
      expect(rows.rows).toHaveLength(1);
      const data = rows.rows[0].payload;
      expect(data).toEqual({ requestId: request.id, template: 'restriction_agreed', requestVersion: agreed.version });

      const runner = worker.app.get(JobRunner);
      // Two workers at once (a retry racing the first attempt), then once more later: one document.
      const racing = await Promise.all([runner.run('document.render', data), runner.run('document.render', data)]);
      expect(racing.map((outcome) => (outcome as Json).status).sort()).toEqual(['done', 'skipped']);
      const documentId = (racing.find((outcome) => (outcome as Json).status === 'done') as Json).documentId;
      expect(await runner.run('document.render', data)).toEqual({ status: 'skipped', why: 'already made', documentId });
      // The relayed job, when it runs, adds nothing either.
      await renderPendingLetters();
      const stored = await db.query<{ id: string; sha256: string }>(
        `SELECT id, sha256 FROM documents WHERE request_id = $1 AND template = 'restriction_agreed'`,
        [request.id],
      );
      expect(stored.rows.map((row) => row.id)).toEqual([documentId]);
      const listed = (await documentsOf(request.id)).filter((document) => document.template === 'restriction_agreed');
      expect(listed.map((document) => document.id)).toEqual([documentId]);

      // A fresh render from the same request, event and records on file gives the same bytes.
      const dataSource = worker.app.get(DataSource);
      const record = await dataSource.getRepository(RequestRecord).findOneByOrFail({ id: request.id });
      const event = await dataSource.getRepository(RequestEvent).findOneByOrFail({ requestId: request.id, version: data.requestVersion });
      const occurredOn = calendarDateIn(event.occurredAt, api.config.organisation.timeZone);
      const inputs = letterInputsFrom(
        record,
        { version: event.version, action: event.action, data: event.data, occurredOn },
        await worker.app.get(LetterSourcesRepository).load(dataSource.manager, record, occurredOn, event.version),
      );
      const fresh = await renderLetter(LETTERS.restriction_agreed, buildLetterModel('restriction_agreed', inputs));
      const file = await download(`/api/v1/documents/${documentId}`);
      expect(file.status).toBe(200);
      expect(sha256(fresh)).toBe(stored.rows[0].sha256.trim());
      expect(fresh.equals(file.bytes)).toBe(true);
    });
  });

  describe('5. documents are immutable (45 CFR 164.530(j): retained as made)', () => {
    it('refuses an UPDATE or a DELETE on the documents table in the database', async () => {
      const { rows } = await db.query<{ id: string; sha256: string; title: string }>('SELECT id, sha256, title FROM documents LIMIT 1');
      expect(rows).toHaveLength(1);
      const [document] = rows;
      await expect(db.query(`UPDATE documents SET title = 'Tampered' WHERE id = $1`, [document.id])).rejects.toMatchObject({
        code: '42501',
        message: expect.stringContaining('documents are immutable'),
      });
      await expect(db.query(`UPDATE documents SET content = 'x'::bytea, sha256 = repeat('0', 64)`)).rejects.toMatchObject({
        code: '42501',
      });
      await expect(db.query('DELETE FROM documents WHERE id = $1', [document.id])).rejects.toMatchObject({
        code: '42501',
        message: expect.stringContaining('documents are immutable'),
      });
      const after = await db.query('SELECT id, sha256, title FROM documents WHERE id = $1', [document.id]);
      expect(after.rows).toEqual([document]);
    });
  });

  describe('6. who may read letters', () => {
    let request: Json;
    let document: Json;
    beforeAll(async () => {
      const [first] = (await db.query<{ request_id: string }>('SELECT request_id FROM documents LIMIT 1')).rows;
      request = await driver.get(first.request_id);
      [document] = await documentsOf(request.id);
    });

    it('refuses a reviewer with 403 (45 CFR 164.308(a)(4)) and an anonymous caller with 401', async () => {
      const asReviewer = await api.request('GET', `/api/v1/requests/${request.id}/documents`, { token: reviewer.token });
      expect(asReviewer.status).toBe(403);
      expect(asReviewer.headers.get('content-type')).toContain(PROBLEM_JSON);
      const anonymous = await api.request('GET', `/api/v1/requests/${request.id}/documents`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('content-type')).toContain(PROBLEM_JSON);
      // The file itself likewise.
      expect((await download(document.href, reviewer.token)).status).toBe(403);
      expect((await fetch(`${api.baseUrl}${document.href}`)).status).toBe(401);
    });
  });
});

describe('3. letters with no organisation profile on file (a new install)', () => {
  let api: TestApi;
  let driver: RequestDriver;
  let db: pg.Client;

  beforeAll(async () => {
    api = await startTestApi({}, { bare: true });
    driver = new RequestDriver(api, (await createStaff(api, ['privacy_officer'])).token);
    db = new pg.Client({ connectionString: api.database.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await api?.close();
  });

  const renderJobsFor = async (requestId: string) =>
    (await db.query(`SELECT job_id FROM outbox_messages WHERE job_name = 'document.render' AND payload->>'requestId' = $1`, [requestId]))
      .rows;

  it('takes in requests (the acknowledgements are courtesy letters, noted as skipped) but refuses a denial with 422 naming what is missing (45 CFR 164.524(d)(2))', async () => {
    const request = await driver.create('access');
    expect(request).toMatchObject({ status: 'received', version: 1 });
    const [receive] = request.timeline as Json[];
    expect(receive.action).toBe('receive');
    expect(receive.effects).toContainEqual({
      kind: 'letter_skipped',
      template: 'acknowledgement',
      missing: expect.arrayContaining(['organisation.legalName', 'organisation.address.line1', 'organisation.privacyOfficer.phone']),
    });
    expect(await renderJobsFor(request.id)).toEqual([]);

    const complaint = await driver.create('complaint');
    expect((complaint.timeline as Json[])[0].effects).toContainEqual(
      expect.objectContaining({ kind: 'letter_skipped', template: 'complaint_acknowledgement' }),
    );

    const before = await driver.get(request.id);
    const response = await driver.attempt(request.id, 'deny', {
      grounds: ['litigation_material'],
      basis: 'Compiled in anticipation of litigation.',
    });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toContain(PROBLEM_JSON);
    expect(response.body).toMatchObject({ status: 422, reason: 'LETTER_INCOMPLETE' });
    expect(fields(response.body)).toEqual(
      expect.arrayContaining([
        'letters.access_denial.organisation.legalName',
        'letters.access_denial.organisation.address.line1',
        'letters.access_denial.organisation.privacyOfficer.name',
        'letters.access_denial.organisation.privacyOfficer.phone',
        'letters.access_denial.organisation.hhs.address',
        'letters.access_denial.organisation.hhs.web',
      ]),
    );
    const after = await driver.get(request.id);
    expect({ status: after.status, version: after.version, timeline: after.timeline }).toEqual({
      status: before.status,
      version: before.version,
      timeline: before.timeline,
    });
    expect(await renderJobsFor(request.id)).toEqual([]);
  });
});
