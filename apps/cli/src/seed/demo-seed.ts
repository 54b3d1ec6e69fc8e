import type { INestApplicationContext } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { UsersService, type Role } from '#auth';
import { addCalendarDays } from '#domain';
import type { User } from '#persistence';
import { RequestActionsService } from '../../../api/src/requests/request-actions.service.js';
import { RequestsService } from '../../../api/src/requests/requests.service.js';
import { OrganisationService } from '../../../api/src/organisation/organisation.service.js';
import { PatientsService } from '../../../api/src/patients/patients.service.js';
import { DisclosuresService } from '../../../api/src/disclosures/disclosures.service.js';
import type { CommandIo } from '../command.js';
import { DEMO_PATIENTS, DEMO_SCENARIOS } from './demo-scenarios.js';

const STAFF: { key: string; email: string; name: string; roles: Role[] }[] = [
  { key: 'admin', email: 'demo-admin@clinic.example', name: 'Dana Admin (demo)', roles: ['admin'] },
  { key: 'officer', email: 'demo-privacy@clinic.example', name: 'Pat Privacy (demo)', roles: ['privacy_officer'] },
  { key: 'reviewer', email: 'demo-reviewer@clinic.example', name: 'Dr. Rene Reviewer (demo)', roles: ['reviewer'] },
  { key: 'determiner', email: 'demo-clinician@clinic.example', name: 'Dr. Morgan Clinician (demo)', roles: ['reviewer'] },
  { key: 'auditor', email: 'demo-auditor@clinic.example', name: 'Alex Auditor (demo)', roles: ['auditor'] },
];

/**
 * Fills a database with a living work queue for newcomers: staff users
 * (passwords printed once), synthetic patients and requests of every type in
 * every kind of state, some due this week and some overdue.
 */
export async function seedDemo(app: INestApplicationContext, io: CommandIo): Promise<void> {
  const users = app.get(UsersService);
  const staff = new Map<string, User>();
  const context = { actor: 'system:seed-demo' };
  io.out('Demo staff (passwords are shown once; store them now):');
  for (const member of STAFF) {
    const existing = await users.findForLogin(member.email);
    if (existing) {
      staff.set(member.key, existing);
      io.out(`  ${member.email.padEnd(32)} ${member.roles.join(', ').padEnd(16)} (already there; password unchanged)`);
      continue;
    }
    const password = `Demo-${randomBytes(9).toString('base64url')}`;
    const licence = member.roles.includes('reviewer')
      ? { profession: 'Physician (MD)', number: `MD-DEMO-${staff.size}`, jurisdiction: 'NY' }
      : null;
    staff.set(member.key, await users.create(context, { email: member.email, name: member.name, roles: member.roles, password, licence }));
    io.out(`  ${member.email.padEnd(32)} ${member.roles.join(', ').padEnd(16)} ${password}`);
  }

  await configureDemoClinic(app);

  const patients = app.get(PatientsService);
  const patientIds: string[] = [];
  for (const [givenName, familyName, dateOfBirth] of DEMO_PATIENTS) {
    patientIds.push(
      (await patients.create(context, { givenName, familyName, dateOfBirth, mrn: `DEMO-${randomBytes(3).toString('hex').toUpperCase()}` }))
        .id,
    );
  }

  const requests = app.get(RequestsService);
  const actions = app.get(RequestActionsService);
  const officer = staff.get('officer')!;
  const officerContext = { actor: `user:${officer.id}` };
  let created = 0;
  for (const [index, scenario] of DEMO_SCENARIOS.entries()) {
    const receivedAt = new Date(Date.now() - scenario.daysAgo * 86_400_000 - 3_600_000);
    const view = await requests.create(officerContext, {
      type: scenario.type as never,
      patientId: patientIds[index % patientIds.length],
      channel: scenario.channel,
      receivedAt: receivedAt.toISOString(),
      details: scenario.details,
      requester: scenario.requester as never,
    });
    for (const step of scenario.steps) {
      const input = resolveInput(step.input ?? {}, staff, view.request.originalDueOn);
      const actor = step.asReviewer ? staff.get('reviewer')! : officer;
      await actions.act({ actor: `user:${actor.id}` }, actor, view.request.id, step.action, input);
    }
    created += 1;
  }
  const disclosures = await seedDisclosures(app, officerContext, patientIds);
  io.out(`\nCreated ${patientIds.length} synthetic patients, ${created} requests of every type and ${disclosures} disclosures.`);
  io.out('Sign in as demo-privacy@clinic.example and GET /api/v1/requests to see the work queue (overdue first),');
  io.out('and GET /api/v1/patients/{id}/accounting to see what an accounting of disclosures would list.');
}

/**
 * A disclosure ledger per patient, as an EHR feed would send it: exempt and accountable
 * disclosures, a repeated one that the accounting summarises, and, for the first patient, one
 * without a purpose, which the accounting preview reports as a problem to correct.
 */
async function seedDisclosures(app: INestApplicationContext, context: { actor: string }, patientIds: string[]): Promise<number> {
  const today = new Date().toISOString().slice(0, 10);
  const inputs = patientIds.flatMap((patientId, index) =>
    [
      { category: 'treatment', recipient: { name: 'Springfield Cardiology Associates' }, purpose: 'Referral', daysAgo: 40 },
      {
        category: 'public_health',
        recipient: { name: 'State Department of Health', address: '1 Capitol Plaza, Albany, NY 12237' },
        purpose: 'Immunization registry reporting',
        daysAgo: 200,
      },
      ...[90, 60, 30].map((daysAgo) => ({
        category: 'health_oversight',
        recipient: { name: 'State Medicaid Inspector General' },
        purpose: 'Quarterly program audit',
        daysAgo,
      })),
      {
        category: 'judicial',
        recipient: { name: 'Springfield County Court' },
        purpose: index === 0 ? '' : 'Subpoena for records',
        daysAgo: 15,
      },
    ].map((disclosure, line) => ({
      patientId,
      disclosedAt: addCalendarDays(today, -disclosure.daysAgo),
      recipient: disclosure.recipient,
      description: 'Visit notes and laboratory results (synthetic)',
      purpose: disclosure.purpose,
      category: disclosure.category as never,
      sourceSystem: 'demo-ehr',
      sourceId: `demo-${patientId}-${line}`,
    })),
  );
  const outcomes = await app.get(DisclosuresService).recordBatch(context, inputs);
  return outcomes.filter((outcome) => outcome.kind === 'created').length;
}

/**
 * A synthetic clinic profile and notice, so demo letters can be made. Left
 * alone when an admin has already set the profile up.
 */
async function configureDemoClinic(app: INestApplicationContext): Promise<void> {
  const organisation = app.get(OrganisationService);
  const context = { actor: 'system:seed-demo' };
  const configured = await organisation.get().then(
    () => true,
    () => false,
  );
  if (!configured) {
    await organisation.put(context, {
      legalName: 'Example Community Clinic (demo)',
      address: { line1: '100 Example Avenue', city: 'Springfield', state: 'NY', postalCode: '10001' },
      privacyOfficer: { name: 'Pat Privacy', title: 'Privacy Officer', phone: '(555) 010-0100', email: 'privacy@clinic.example' },
      hhs: {
        address:
          'Centralized Case Management Operations, U.S. Department of Health and Human Services, 200 Independence Avenue, S.W., Room 509F HHH Bldg., Washington, D.C. 20201',
        web: 'https://www.hhs.gov/ocr/complaints',
      },
      languageDefault: 'en',
    });
  }
  if ((await organisation.listNotices()).length === 0) {
    await organisation.addNotice(context, {
      version: 'demo-2026-02-16',
      effectiveOn: '2026-02-16',
      language: 'en',
      sections: [
        {
          heading: 'Your rights',
          paragraphs: [
            'You can see and get a copy of your health records, ask us to correct them, ask for a list of disclosures, and more.',
          ],
        },
        {
          heading: 'Our uses and disclosures',
          paragraphs: ['We use and share your information to treat you, run our clinic, and bill for services.'],
        },
        {
          heading: 'Questions and complaints',
          paragraphs: ['Contact our Privacy Officer at (555) 010-0100. We will not retaliate against you for filing a complaint.'],
        },
      ],
    });
  }
}

/** Replaces placeholders in a step's input: staff keys by their ids, `original+30` by a date. */
function resolveInput(input: Record<string, unknown>, staff: Map<string, User>, originalDueOn: string): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(input).map(([key, value]) => {
      if (typeof value === 'string' && staff.has(value)) return [key, staff.get(value)!.id];
      if (value === 'original+30') return [key, addCalendarDays(originalDueOn, 30)];
      return [key, value];
    }),
  );
}
