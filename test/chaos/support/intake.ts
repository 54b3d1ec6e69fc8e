import { randomBytes } from 'node:crypto';
import { DEFAULT_DETAILS, type Json } from '../../support/request-scenarios.js';

/** An access request with a fresh patient and a unique marker in its details, to find it by afterwards. */
export function intakeBody(marker: string, extra: Json = {}): Json {
  return {
    type: 'access',
    channel: 'mail',
    patient: { givenName: 'Rowan', familyName: `Chaos-${randomBytes(4).toString('hex')}`, dateOfBirth: '1975-06-15' },
    details: { ...DEFAULT_DETAILS.access, recordsRequested: marker },
    ...extra,
  };
}

export function newMarker(prefix: string): string {
  return `${prefix}-${randomBytes(8).toString('hex')}`;
}

/**
 * Rows a half-written intake or action would leave: a request with no timeline, no audit event or
 * no outbox row, a patient with no request, a request whose version is not its last event's.
 */
export const PARTIAL_ROW_CHECKS: Record<string, string> = {
  requestWithoutReceiveEvent: `SELECT count(*)::int AS n FROM requests r
     WHERE NOT EXISTS (SELECT 1 FROM request_events e WHERE e.request_id = r.id AND e.version = 1 AND e.action = 'receive')`,
  requestWithoutCreateAudit: `SELECT count(*)::int AS n FROM requests r
     WHERE NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.action = 'request.create' AND a.target_id = r.id::text)`,
  requestWithoutOutbox: `SELECT count(*)::int AS n FROM requests r
     WHERE NOT EXISTS (SELECT 1 FROM outbox_messages o WHERE o.payload->>'requestId' = r.id::text)`,
  patientWithoutRequest: `SELECT count(*)::int AS n FROM patients p WHERE NOT EXISTS (SELECT 1 FROM requests r WHERE r.patient_id = p.id)`,
  versionNotLastEvent: `SELECT count(*)::int AS n FROM requests r
     WHERE r.version <> (SELECT max(e.version) FROM request_events e WHERE e.request_id = r.id AND e.action <> 'deadline_passed')`,
  // Transitions only: the worker notes a passed deadline on the timeline without a new version.
  eventsNotContiguous: `SELECT count(*)::int AS n FROM (
       SELECT request_id FROM request_events WHERE action <> 'deadline_passed'
        GROUP BY request_id HAVING count(*) <> max(version) OR count(DISTINCT version) <> count(*)) gaps`,
  actionWithoutAudit: `SELECT count(*)::int AS n FROM request_events e
     WHERE e.version > 1 AND e.action NOT IN ('assign') AND NOT EXISTS (
       SELECT 1 FROM audit_events a WHERE a.action = 'request.action' AND a.target_id = e.request_id::text
          AND (a.details->>'version')::int = e.version)`,
  eventWithoutPlan: `SELECT count(*)::int AS n FROM request_events e
     WHERE e.action <> 'assign' AND NOT EXISTS (SELECT 1 FROM outbox_messages o WHERE o.job_id = 'plan-' || e.request_id || '-v' || e.version)`,
  planWithoutEvent: `SELECT count(*)::int AS n FROM outbox_messages o
     WHERE o.job_name = 'reminder.plan' AND o.job_id ~ '^plan-[0-9a-f-]{36}-v[0-9]+$' AND NOT EXISTS (
       SELECT 1 FROM request_events e WHERE o.job_id = 'plan-' || e.request_id || '-v' || e.version)`,
  auditWithoutAction: `SELECT count(*)::int AS n FROM audit_events a
     WHERE a.action = 'request.action' AND NOT EXISTS (
       SELECT 1 FROM request_events e WHERE e.request_id::text = a.target_id AND e.version = (a.details->>'version')::int)`,
};
