import type { RequestRecord } from '#persistence';
import type { ArrangementResponse } from './dto/patient.response.js';

/** The terms an EHR needs from an agreed request: its intake details and the decision's dates and scope. */
export function toArrangement(row: RequestRecord): ArrangementResponse {
  const decision = row.decision as Record<string, unknown>;
  const effectiveOn = (decision.effectiveOn ??
    decision.agreedOn ??
    decision.accommodatedOn ??
    row.closedAt?.toISOString().slice(0, 10) ??
    null) as string | null;
  return {
    requestId: row.id,
    reference: row.reference,
    type: row.type,
    status: row.status,
    effectiveOn,
    terms: { ...row.details, ...decision },
  };
}
