import { randomBytes } from 'node:crypto';
import { addCalendarDays, calendarDateIn, type RequestType } from '#domain';
import type { TestApi, TestResponse } from './api-app.js';
import { rememberSecret } from './secret-registry.js';

/** A JSON object as the API sends and takes it. */
export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read any shape

export const PROBLEM_JSON = 'application/problem+json';

/** A patient to register at intake. The family name is unique and remembered: close() proves it never reached a log. */
export function newPatient(): { givenName: string; familyName: string; dateOfBirth: string } {
  const familyName = `Quillfeather-${randomBytes(4).toString('hex')}`;
  rememberSecret(familyName);
  return { givenName: 'Rowan', familyName, dateOfBirth: '1975-06-15' };
}

/** Intake details each type accepts, valid on their own; a test overrides what it is about. */
export const DEFAULT_DETAILS: Readonly<Record<RequestType, Json>> = {
  access: { accessType: 'copy', recordsRequested: 'All designated record sets, 2023 onwards', format: 'electronic', delivery: 'portal' },
  amendment: {
    recordDescription: 'Allergy list, visit of 2025-03-02',
    requestedChange: 'Remove the penicillin allergy: a later test was negative.',
  },
  accounting: {},
  restriction: { scope: 'Disclosures about the 2025 physiotherapy visits', recipient: 'Spouse', purpose: 'persons_involved' },
  confidential_communication: { alternativeAddress: 'PO Box 12, Springfield' },
  notice_copy: {},
  complaint: { category: 'access', subject: 'My access request went unanswered for two months.' },
  authorization_revocation: { form: 'written', authorizationReference: 'AUTH-2025-0042' },
  communication_opt_out: { kind: 'fundraising_opt_out' },
};

/** A restriction to a health plan of a service paid in full out of pocket: the clinic must agree (45 CFR 164.522(a)(1)(vi)). */
export const SELF_PAY_RESTRICTION: Json = {
  scope: 'Claims data for the four therapy sessions paid out of pocket',
  recipient: 'Acme Health Plan',
  recipientIsHealthPlan: true,
  purpose: 'payment',
  selfPay: { paidInFull: true, items: 'CPT 90837 x4', paidOn: '2025-01-10' },
};

export interface IntakeOptions {
  details?: Json;
  patientId?: string;
  /** Register no patient at all (notice copies and complaints need none). */
  noPatient?: boolean;
  requester?: Json;
  channel?: string;
  receivedAt?: string;
}

/** Drives requests over HTTP as one staff member; other staff pass their own token. Setup steps throw with the response on failure. */
export class RequestDriver {
  constructor(
    readonly api: TestApi,
    readonly token: string,
  ) {}

  /** POST /requests: a new request of `type`, with the type's default details merged with `options.details`. */
  async create(type: RequestType, options: IntakeOptions = {}): Promise<Json> {
    const body: Json = {
      type,
      channel: options.channel ?? 'mail',
      details: { ...DEFAULT_DETAILS[type], ...options.details },
    };
    if (options.patientId) body.patientId = options.patientId;
    else if (!options.noPatient) body.patient = newPatient();
    if (options.requester) body.requester = options.requester;
    else if (options.noPatient) {
      body.requester = {
        type: 'other',
        name: 'Robin Requester',
        address: { line1: '9 Any Road', city: 'Springfield', state: 'NY', postalCode: '10003' },
      };
    }
    if (options.receivedAt) body.receivedAt = options.receivedAt;
    return expectStatus(await this.api.request('POST', '/api/v1/requests', { token: this.token, body }), 201, `create ${type}`);
  }

  async get(id: string, token = this.token): Promise<Json> {
    return expectStatus(await this.api.request('GET', `/api/v1/requests/${id}`, { token }), 200, `get ${id}`);
  }

  /** The raw answer to an action: for refusals. */
  attempt(id: string, action: string, body: Json = {}, token = this.token): Promise<TestResponse> {
    return this.api.request('POST', `/api/v1/requests/${id}/actions/${action}`, { token, body });
  }

  /** Performs an action that must succeed; returns the updated request. */
  async act(id: string, action: string, input: Json = {}, options: { token?: string; expectedVersion?: number } = {}): Promise<Json> {
    const body = options.expectedVersion === undefined ? input : { ...input, expectedVersion: options.expectedVersion };
    return expectStatus(await this.attempt(id, action, body, options.token), 200, `${action} on ${id}`);
  }

  /** Several actions in a row as this driver's user; returns the request after the last. */
  async walk(id: string, steps: readonly [action: string, input?: Json][]): Promise<Json> {
    let request: Json | undefined;
    for (const [action, input] of steps) request = await this.act(id, action, input ?? {});
    return request ?? (await this.get(id));
  }
}

function expectStatus(response: TestResponse, status: number, what: string): Json {
  if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status} ${response.text}`);
  return response.body as Json;
}

/** Today's date on the organisation's calendar. */
export function todayIn(timeZone: string): string {
  return calendarDateIn(new Date(), timeZone);
}

/** The date `days` after `date` (negative: before). */
export const plusDays = addCalendarDays;

/** The same calendar date six years later (45 CFR 164.530(j)(2)); not used across 29 February. */
export function sixYearsAfter(date: string): string {
  return `${Number(date.slice(0, 4)) + 6}${date.slice(4)}`;
}

/** The instant `days` days ago, as an ISO timestamp for `receivedAt`. */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString();
}

/** What GET /request-types says about a type: each state's clock and whether it ends the request. */
export interface TypeCatalogue {
  type: string;
  initial: string;
  states: { name: string; clock: string; terminal: boolean; inForce: boolean; allowedActions: string[] }[];
  actions: { name: string; by: string[]; input: Json }[];
}
