import { hhsComplaintWindow } from '#domain';
import type { Language, LetterBase, MailingAddress } from '../letter-template.js';
import type { LetterInputs, PostalAddressLike } from './letter-inputs.js';

/** What each request type asks for, as a noun phrase ("your request for …" / "su solicitud de …"). */
const REQUEST_TITLES: Record<string, { en: string; es: string }> = {
  access: { en: 'access to your health records', es: 'acceso a sus registros de salud' },
  amendment: { en: 'a correction to your health records', es: 'una corrección de sus registros de salud' },
  accounting: { en: 'a list of disclosures of your health information', es: 'una lista de divulgaciones de su información de salud' },
  restriction: {
    en: 'limits on how we use or share your health information',
    es: 'límites a cómo usamos o compartimos su información de salud',
  },
  confidential_communication: { en: 'contact by another means or at another place', es: 'comunicación por otro medio o en otro lugar' },
  notice_copy: {
    en: 'a paper copy of our notice of privacy practices',
    es: 'una copia en papel de nuestro aviso de prácticas de privacidad',
  },
  complaint: { en: 'a review of your complaint', es: 'la revisión de su queja' },
  authorization_revocation: {
    en: 'cancelling a permission (authorization) you gave us',
    es: 'la cancelación de un permiso (autorización) que nos dio',
  },
  communication_opt_out: {
    en: 'a change in how we may contact you or list you',
    es: 'un cambio en cómo podemos contactarle o incluirle en listas',
  },
};

/** The paragraph that allows the one extension, by request type. */
const EXTENSION_CITATIONS: Record<string, string> = {
  access: '45 CFR 164.524(b)(2)(ii)',
  amendment: '45 CFR 164.526(b)(2)(ii)',
  accounting: '45 CFR 164.528(c)(1)(ii)',
};

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

function mailing(address: PostalAddressLike | null | undefined): MailingAddress | null {
  return address
    ? { line1: address.line1, line2: address.line2 ?? null, city: address.city, state: address.state, postalCode: address.postalCode }
    : null;
}

/**
 * The common part of every letter: from the organisation, to the requester (a
 * personal representative at their address) or else the patient, dated on the
 * day of the event that asked for it, in the request's language.
 */
export function letterBaseFrom(inputs: LetterInputs, recipientAddress?: MailingAddress | null): LetterBase {
  const { request, patient, organisation } = inputs;
  const requester = request.requester;
  const byOther = requester.type !== 'individual' && requester.name;
  const recipientName = byOther
    ? (requester.name as string)
    : patient
      ? `${patient.givenName} ${patient.familyName}`
      : (requester.name ?? '');
  return {
    organisation: organisation
      ? {
          legalName: organisation.legalName,
          address: mailing(organisation.address) as MailingAddress,
          privacyOfficer: organisation.privacyOfficer,
          complaintsAddress: mailing(organisation.complaintsAddress),
          hhs: organisation.hhs,
        }
      : (undefined as never),
    recipient: {
      name: recipientName,
      address: recipientAddress !== undefined ? recipientAddress : mailing(byOther ? requester.address : patient?.address),
    },
    reference: request.reference,
    date: inputs.event.occurredOn,
    language: (request.language === 'es' ? 'es' : 'en') as Language,
  };
}

/**
 * The model of `template` for a request, from its inputs. Every letter the
 * machines name has a builder; the builder only reads, and the template then
 * decides what is missing.
 */
export function buildLetterModel(template: string, inputs: LetterInputs): LetterBase & Record<string, unknown> {
  const { request, event } = inputs;
  const data = event.data;
  const decision = request.decision;
  const details = request.details;
  const base = letterBaseFrom(inputs);
  const language = base.language;
  const requestTitle = (REQUEST_TITLES[request.type] ?? REQUEST_TITLES.access)[language];
  switch (template) {
    case 'acknowledgement':
      return {
        ...base,
        requestType: request.type,
        requestTitle,
        receivedOn: request.receivedOn,
        dueOn: request.dueOn,
        deadlineKind: request.deadlineKind as 'legal' | 'policy',
        statusUrl: inputs.statusUrl ?? null,
      };
    case 'extension_notice':
      return {
        ...base,
        requestTitle,
        receivedOn: request.receivedOn,
        originalDueOn: request.originalDueOn,
        newDueOn: str(data.newDueOn) || request.dueOn,
        reasons: str(data.reasons),
        citation: EXTENSION_CITATIONS[request.type] ?? '',
      };
    case 'access_fulfilment':
      return {
        ...base,
        accessType: (decision.accessType ?? details.accessType ?? 'copy') as string,
        deliveredVia: str(data.deliveredVia),
        format: (decision.format ?? details.format ?? null) as string | null,
        feeCents: Number(data.feeCents ?? 0),
      };
    case 'access_denial':
      return {
        ...base,
        grounds: (data.grounds ?? []) as string[],
        basis: str(data.basis),
        partial: event.action === 'deny_in_part',
        withheld: (data.withheld ?? null) as string | null,
      };
    case 'access_referral':
      return { ...base, holderName: str(data.holderName), holderAddress: str(data.holderAddress) };
    case 'review_outcome':
      return {
        ...base,
        outcome: event.action === 'reverse_denial' ? 'reversed' : 'upheld',
        explanation: str(data.explanation),
        reviewerTitle: language === 'es' ? 'un profesional de la salud con licencia' : 'a licensed health care professional',
      };
    case 'notice_copy':
      return {
        ...base,
        recipient: {
          ...base.recipient,
          address:
            base.recipient.address ??
            (str(data.address || details.deliveryAddress)
              ? { line1: str(data.address || details.deliveryAddress), city: '', state: '', postalCode: '' }
              : null),
        },
        noticeVersion: inputs.notice?.version ?? str(data.noticeVersion),
        noticeEffectiveOn: inputs.notice?.effectiveOn ?? '',
        noticeSections: inputs.notice?.sections ?? [],
      };
    case 'amendment_acceptance':
      return {
        ...base,
        recordsAffected: str(data.recordsAffected),
        personsToNotify: ((data.personsToNotify ?? []) as { name: string }[]).map((person) => ({ name: person.name })),
      };
    case 'amendment_denial':
      return {
        ...base,
        grounds: (data.grounds ?? []) as string[],
        basis: str(data.basis),
        partial: event.action === 'deny_in_part',
        acceptedPart: (data.acceptedPart ?? null) as string | null,
        disagreementMaxLength: 4000,
      };
    case 'rebuttal':
      return {
        ...base,
        rebuttal: str(data.rebuttal) || str(decision.rebuttal),
        disagreementFiledOn: str(decision.disagreementFiledOn) || event.occurredOn,
      };
    case 'accounting_fee_notice':
      return {
        ...base,
        feeCents: Number(data.feeCents ?? 0),
        explanation: str(data.explanation),
        previousAccountingOn: null,
        respondBy: null,
      };
    case 'accounting':
      return {
        ...base,
        // The period the action resolved (named, agreed or asked for), as recorded on the decision.
        periodFrom: str(decision.periodFrom),
        periodTo: str(decision.periodTo),
        // The snapshot the `provide` action took of the ledger; without one the letter is incomplete.
        entries: inputs.accounting?.entries,
        withheldForSuspension: inputs.accounting?.withheldForSuspension ?? 0,
        feeCents: Number(data.feeCents ?? 0),
      };
    case 'accounting_unverified':
      return {
        ...base,
        reason: (str(data.reason) || 'identity_not_verified') as 'identity_not_verified' | 'authority_not_verified',
        howToVerify:
          language === 'es'
            ? `Traiga una identificación con foto a nuestra oficina o llame a ${base.organisation?.privacyOfficer?.phone ?? ''}.`
            : `Bring a photo ID to our office, or call ${base.organisation?.privacyOfficer?.phone ?? ''}.`,
      };
    case 'restriction_agreed':
      return { ...base, scope: str(details.scope), selfPay: Boolean(decision.selfPay) };
    case 'restriction_declined':
      return { ...base, scope: str(details.scope), explanation: (data.explanation ?? null) as string | null };
    case 'restriction_terminated':
      return {
        ...base,
        scope: str(details.scope),
        by: event.action === 'terminate_by_clinic' ? 'clinic' : 'individual',
        effectiveForPhiCreatedAfter: (data.noticeOn ?? decision.effectiveForPhiCreatedAfter ?? null) as string | null,
        form: (data.form ?? null) as 'written' | 'oral' | null,
      };
    case 'confidential_communication_accommodated': {
      const alternative = str(data.alternativeAddress);
      // Sent to the alternative the patient asked for, never to the address they asked us to avoid.
      const model = letterBaseFrom(inputs, alternative ? { line1: alternative, city: '', state: '', postalCode: '' } : null);
      return {
        ...model,
        alternativeAddress: alternative || null,
        alternativeContactMethod: (data.alternativeContactMethod ?? null) as string | null,
        paymentHandling: (data.paymentHandling ?? null) as string | null,
      };
    }
    case 'confidential_communication_declined':
      return {
        ...base,
        reasonCode: str(data.reasonCode),
        explanation: str(data.explanation),
        organisationKind: (details.organisationKind ?? 'provider') as string,
      };
    case 'complaint_acknowledgement':
      return {
        ...base,
        receivedOn: request.receivedOn,
        category: str(details.category),
        hhsWindowClosesOn: hhsComplaintWindow({ incidentKnownOn: details.incidentKnownOn as string | undefined }, request.receivedOn)
          .closesOn,
      };
    case 'complaint_disposition':
      return { ...base, disposition: str(data.disposition), outcome: str(data.outcome) };
    case 'revocation_confirmation':
      return {
        ...base,
        authorizationReference: str(data.authorizationReference),
        effectiveOn: str(decision.effectiveOn) || request.receivedOn,
        disclosuresInReliance: (data.disclosuresInReliance ?? []) as { description: string; madeOn: string }[],
      };
    case 'revocation_not_in_writing':
      return { ...base, toldOn: event.occurredOn };
    default:
      throw new Error(`no model builder for letter ${template}`);
  }
}
