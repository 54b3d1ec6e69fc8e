/**
 * The demo work queue: synthetic requests of every type, left in every kind
 * of state. `daysAgo` sets the receipt date, so some are due this week and
 * some are overdue. Inputs follow each machine's table (libs/domain).
 */
export interface DemoStep {
  action: string;
  input?: Record<string, unknown>;
  /** Performed by the demo reviewer instead of the privacy officer. */
  asReviewer?: boolean;
}

export interface DemoScenario {
  type: string;
  daysAgo: number;
  channel: 'mail' | 'phone' | 'in_person' | 'fax' | 'email' | 'portal';
  details: Record<string, unknown>;
  steps: DemoStep[];
  requester?: Record<string, unknown>;
}

const verify: DemoStep = { action: 'verify_identity', input: { method: 'photo_id_in_person' } };
const accessCopy = { accessType: 'copy', recordsRequested: 'All records from 2024 onwards', format: 'electronic', delivery: 'portal' };
const grant: DemoStep = { action: 'grant', input: { accessType: 'copy', format: 'electronic', delivery: 'portal' } };
const reviewableDenial = (reviewerSlot: 'determiner') => ({
  action: 'deny',
  input: {
    grounds: ['endangers_life_or_safety'],
    basis: 'A licensed clinician judged that access is reasonably likely to endanger your physical safety.',
    determinedBy: reviewerSlot,
  },
});

export const DEMO_SCENARIOS: DemoScenario[] = [
  // Access (45 CFR 164.524): the busiest queue.
  ...[2, 9, 16, 24, 26, 28, 29].map((daysAgo) => ({ type: 'access', daysAgo, channel: 'mail' as const, details: accessCopy, steps: [] })),
  ...[33, 38, 45].map((daysAgo) => ({ type: 'access', daysAgo, channel: 'fax' as const, details: accessCopy, steps: [verify] })),
  { type: 'access', daysAgo: 20, channel: 'email', details: accessCopy, steps: [verify, grant] },
  {
    type: 'access',
    daysAgo: 27,
    channel: 'phone',
    details: accessCopy,
    steps: [{ action: 'extend', input: { reasons: 'The records are archived off site and must be retrieved.', newDueOn: 'original+30' } }],
  },
  {
    type: 'access',
    daysAgo: 12,
    channel: 'portal',
    details: accessCopy,
    steps: [verify, grant, { action: 'fulfil', input: { deliveredVia: 'portal', feeCents: 0 } }],
  },
  {
    type: 'access',
    daysAgo: 10,
    channel: 'mail',
    details: accessCopy,
    steps: [
      {
        action: 'deny',
        input: {
          grounds: ['psychotherapy_notes'],
          basis: 'Psychotherapy notes are kept separately and are not part of the right of access.',
        },
      },
    ],
  },
  {
    type: 'access',
    daysAgo: 18,
    channel: 'mail',
    details: accessCopy,
    steps: [{ action: 'refer', input: { holderName: 'Riverside Imaging Center', holderAddress: '1 Example Way, Springfield, NY 10001' } }],
  },
  {
    type: 'access',
    daysAgo: 15,
    channel: 'in_person',
    details: accessCopy,
    steps: [reviewableDenial('determiner'), { action: 'request_review' }, { action: 'assign_reviewer', input: { reviewerId: 'reviewer' } }],
  },
  {
    type: 'access',
    daysAgo: 21,
    channel: 'mail',
    details: accessCopy,
    steps: [
      reviewableDenial('determiner'),
      { action: 'request_review' },
      { action: 'assign_reviewer', input: { reviewerId: 'reviewer' } },
      {
        action: 'reverse_denial',
        input: { explanation: 'On review, access is not reasonably likely to endanger anyone.' },
        asReviewer: true,
      },
    ],
  },
  // Amendment (164.526): 60 days.
  ...[5, 40, 57, 58, 66].map((daysAgo) => ({
    type: 'amendment',
    daysAgo,
    channel: 'mail' as const,
    details: { recordDescription: 'Allergy list, visit of 3 March', requestedChange: 'Remove the penicillin allergy recorded in error.' },
    steps: daysAgo > 60 ? [verify] : [],
  })),
  {
    type: 'amendment',
    daysAgo: 30,
    channel: 'mail',
    details: { recordDescription: 'Problem list', requestedChange: 'Correct the diagnosis date.' },
    steps: [
      { action: 'deny', input: { grounds: ['accurate_and_complete'], basis: 'The record is accurate and complete.' } },
      { action: 'file_disagreement', input: { statement: 'I disagree: the date is wrong.' } },
    ],
  },
  // Accounting of disclosures (164.528): 60 days.
  ...[3, 50, 59, 64].map((daysAgo) => ({ type: 'accounting', daysAgo, channel: 'mail' as const, details: {}, steps: [] })),
  // Restrictions (164.522(a)), confidential communications (164.522(b)).
  {
    type: 'restriction',
    daysAgo: 4,
    channel: 'in_person',
    details: {
      scope: 'Do not tell my health plan about the 12 May visit.',
      purpose: 'payment',
      recipientIsHealthPlan: true,
      recipient: 'Example Health Plan',
      selfPay: { paidInFull: true, items: 'Visit of 12 May' },
    },
    steps: [],
  },
  {
    type: 'restriction',
    daysAgo: 35,
    channel: 'mail',
    details: { scope: 'Do not share records with my employer’s clinic.', purpose: 'treatment' },
    steps: [],
  },
  {
    type: 'restriction',
    daysAgo: 20,
    channel: 'mail',
    details: { scope: 'No disclosures to my brother.', purpose: 'persons_involved' },
    steps: [{ action: 'agree', input: {} }],
  },
  {
    type: 'confidential_communication',
    daysAgo: 6,
    channel: 'phone',
    details: { alternativeAddress: 'PO Box 12, Springfield, NY 10001' },
    steps: [],
  },
  {
    type: 'confidential_communication',
    daysAgo: 26,
    channel: 'mail',
    details: { alternativeContactMethod: 'Mobile phone only' },
    steps: [{ action: 'accommodate', input: { alternativeContactMethod: 'Mobile phone only' } }],
  },
  // Notice copies, complaints, revocations, opt-outs.
  { type: 'notice_copy', daysAgo: 0, channel: 'in_person', details: { paperRequested: true }, steps: [] },
  { type: 'notice_copy', daysAgo: 3, channel: 'mail', details: { paperRequested: true }, steps: [] },
  {
    type: 'notice_copy',
    daysAgo: 8,
    channel: 'mail',
    details: { paperRequested: true },
    steps: [{ action: 'send', input: { method: 'paper', noticeVersion: '2026-02-16' } }],
  },
  {
    type: 'complaint',
    daysAgo: 7,
    channel: 'email',
    details: { category: 'access', subject: 'My records request was ignored for weeks.' },
    steps: [],
  },
  {
    type: 'complaint',
    daysAgo: 36,
    channel: 'mail',
    details: { category: 'privacy_practice', subject: 'Staff discussed my visit in the waiting room.' },
    steps: [{ action: 'investigate', input: {} }],
  },
  {
    type: 'complaint',
    daysAgo: 25,
    channel: 'phone',
    details: { category: 'security', subject: 'A letter went to my old address.' },
    steps: [
      {
        action: 'resolve',
        input: { disposition: 'Address updated; staff retrained on address checks.', outcome: 'substantiated', sanctionsApplied: false },
      },
    ],
  },
  {
    type: 'authorization_revocation',
    daysAgo: 1,
    channel: 'mail',
    details: { form: 'written', authorizationReference: 'AUTH-2025-0042' },
    steps: [],
  },
  { type: 'authorization_revocation', daysAgo: 4, channel: 'phone', details: { form: 'oral' }, steps: [] },
  { type: 'communication_opt_out', daysAgo: 0, channel: 'email', details: { kind: 'fundraising_opt_out' }, steps: [] },
  { type: 'communication_opt_out', daysAgo: 2, channel: 'in_person', details: { kind: 'directory_opt_out', oral: true }, steps: [] },
  {
    type: 'communication_opt_out',
    daysAgo: 9,
    channel: 'mail',
    details: { kind: 'fundraising_opt_out' },
    steps: [{ action: 'apply', input: {} }],
  },
  // More of the everyday queue: due this week, overdue, just in.
  ...[1, 4, 23, 31, 42].map((daysAgo) => ({
    type: 'access',
    daysAgo,
    channel: 'email' as const,
    details: { accessType: 'inspect', recordsRequested: 'Lab results of the last year' },
    steps: [],
  })),
  ...[11, 55, 63].map((daysAgo) => ({
    type: 'amendment',
    daysAgo,
    channel: 'portal' as const,
    details: { recordDescription: 'Home address on file', requestedChange: 'Update to the new address.' },
    steps: [],
  })),
  // A personal representative (164.502(g)).
  {
    type: 'access',
    daysAgo: 22,
    channel: 'mail',
    details: { accessType: 'copy', recordsRequested: 'Immunisation records', format: 'paper', delivery: 'mail' },
    requester: {
      type: 'personal_representative',
      name: 'Jordan Demo-Parent',
      relationship: 'parent',
      authority: { basis: 'parent', scope: 'All records of the minor child' },
    },
    steps: [],
  },
];

/** Synthetic patients: obviously invented names, no real person. */
export const DEMO_PATIENTS = [
  ['Avery', 'Testwell', '1984-02-11'],
  ['Blake', 'Samplesson', '1971-07-30'],
  ['Casey', 'Placeholder', '1990-12-01'],
  ['Devon', 'Mockridge', '1965-03-22'],
  ['Emery', 'Fictionale', '2001-09-14'],
  ['Finley', 'Dummont', '1958-05-05'],
  ['Gray', 'Specimen', '1979-11-19'],
  ['Harper', 'Examplar', '1993-04-08'],
  ['Indigo', 'Notreal', '1988-08-28'],
  ['Jules', 'Synthetica', '1969-01-17'],
  ['Kai', 'Pretendo', '2004-06-03'],
  ['Lane', 'Madeupson', '1975-10-10'],
] as const;
