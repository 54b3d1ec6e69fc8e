import type { LetterInputs } from './letter-inputs.js';

/** The request fields letters are written from: an entity, or its successor inside a transaction. */
type RequestLike = LetterInputs['request'];

/** Assembles LetterInputs from loaded records (entities or their in-transaction successors). */
export function letterInputsFrom(
  request: RequestLike,
  event: LetterInputs['event'],
  sources: {
    patient: LetterInputs['patient'];
    organisation: LetterInputs['organisation'];
    notice: LetterInputs['notice'];
    accounting?: LetterInputs['accounting'];
  },
): LetterInputs {
  return {
    request: {
      id: request.id,
      reference: request.reference,
      type: request.type,
      status: request.status,
      language: request.language,
      receivedOn: request.receivedOn,
      dueOn: request.dueOn,
      originalDueOn: request.originalDueOn,
      deadlineKind: request.deadlineKind,
      requester: request.requester,
      details: request.details,
      decision: request.decision,
    },
    event,
    patient: sources.patient
      ? { givenName: sources.patient.givenName, familyName: sources.patient.familyName, address: sources.patient.address }
      : null,
    organisation: sources.organisation
      ? {
          legalName: sources.organisation.legalName,
          address: sources.organisation.address,
          privacyOfficer: sources.organisation.privacyOfficer,
          complaintsAddress: sources.organisation.complaintsAddress,
          hhs: sources.organisation.hhs,
        }
      : null,
    notice: sources.notice
      ? { version: sources.notice.version, effectiveOn: sources.notice.effectiveOn, sections: sources.notice.sections }
      : null,
    accounting: sources.accounting
      ? { entries: sources.accounting.entries, withheldForSuspension: sources.accounting.withheldForSuspension }
      : null,
  };
}
