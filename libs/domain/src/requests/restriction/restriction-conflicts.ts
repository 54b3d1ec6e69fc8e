/**
 * Which agreed restrictions a disclosure appears to break (45 CFR 164.522(a)(1)(ii), (a)(1)(vi)).
 * A warning, not a refusal: the disclosure happened and belongs in the ledger whatever it broke,
 * and the rule allows some (emergency treatment, 164.522(a)(1)(iii); a disclosure required by law).
 * The privacy officer reads the flag and decides.
 *
 * Decisions taken where the reference leaves room:
 *   - A restriction names a purpose (treatment, payment, health care operations, persons involved in
 *     care); a disclosure conflicts when its category is that purpose. The purposes and the disclosure
 *     categories share their names on purpose.
 *   - A restriction that names a recipient conflicts only with disclosures to that recipient (names
 *     compared without case or spacing; either containing the other counts, so "Acme Health Plan"
 *     matches "Acme Health Plan, Inc."). One that names nobody conflicts with any recipient.
 *   - Only disclosures made on or after the day the restriction was agreed conflict with it, and
 *     only while it is in force (the caller passes the restrictions in force).
 */

/** An agreed restriction in force, as the ledger sees it. */
export interface RestrictionInForce {
  requestId: string;
  reference: string;
  purpose: string;
  recipient?: string | null;
  /** The self-pay restriction the clinic had to agree to (164.522(a)(1)(vi)). */
  selfPay: boolean;
  /** ISO date the restriction took effect. */
  effectiveOn: string | null;
}

export interface DisclosureToCheck {
  category: string;
  disclosedOn: string;
  recipientName: string;
  recipientAgency?: string | null;
}

export interface RestrictionConflict {
  requestId: string;
  reference: string;
  citation: string;
}

export function restrictionConflicts(disclosure: DisclosureToCheck, restrictions: readonly RestrictionInForce[]): RestrictionConflict[] {
  return restrictions
    .filter(
      (restriction) =>
        restriction.purpose === disclosure.category &&
        (restriction.effectiveOn === null || restriction.effectiveOn <= disclosure.disclosedOn) &&
        recipientMatches(restriction.recipient, disclosure),
    )
    .map((restriction) => ({
      requestId: restriction.requestId,
      reference: restriction.reference,
      citation: restriction.selfPay ? '45 CFR 164.522(a)(1)(vi)' : '45 CFR 164.522(a)(1)(ii)',
    }));
}

function recipientMatches(restricted: string | null | undefined, disclosure: DisclosureToCheck): boolean {
  const wanted = normalise(restricted ?? '');
  if (wanted === '') return true;
  return [disclosure.recipientName, disclosure.recipientAgency ?? ''].some((name) => {
    const actual = normalise(name);
    return actual !== '' && (actual.includes(wanted) || wanted.includes(actual));
  });
}

function normalise(value: string): string {
  return value.trim().replace(/\s+/g, ' ').toLowerCase();
}
