/**
 * Fees for an individual's copy of their PHI (45 CFR 164.524(c)(4) and the HHS
 * access guidance; design reference hipaa-rights.md §2.4 and §2.5).
 *
 * The fee is built from line items whose kinds are the only costs the rule
 * allows, so search/retrieval, verification, review, segregation and the
 * like cannot even be written down. After *Ciox Health v. Azar* (D.D.C. 2020)
 * none of these limits govern a copy the individual directs to a third party.
 */

export const FEE_LINE_KINDS = ['copy_labor', 'supplies_paper', 'supplies_portable_media', 'postage', 'summary_preparation'] as const;
export type FeeLineKind = (typeof FEE_LINE_KINDS)[number];

export interface FeeLine {
  kind: FeeLineKind;
  amountCents: number;
  note?: string;
}

export interface AccessFeeRequest {
  accessType: 'inspect' | 'copy' | 'both';
  recipient: 'self' | 'third_party_directive';
  format: 'paper' | 'electronic';
  phiKeptElectronically: boolean;
  portableMediaRequested: boolean;
  delivery: 'pickup' | 'mail' | 'email' | 'portal';
  /** ISO date when the individual agreed in advance to a summary and its fee. */
  summaryFeeAgreedAt: string | null;
  pricing: 'actual' | 'average_schedule' | 'flat';
  lines: FeeLine[];
}

export type FeeRefusalCode =
  | 'INSPECTION_IS_FREE'
  | 'SUMMARY_NOT_AGREED'
  | 'NO_PORTABLE_MEDIA_REQUESTED'
  | 'POSTAGE_WITHOUT_MAIL'
  | 'FLAT_FEE_NOT_ALLOWED'
  | 'FLAT_FEE_OVER_LIMIT'
  | 'NEGATIVE_AMOUNT'
  | 'UNKNOWN_LINE_KIND'
  | 'NOT_INTEGER_CENTS'
  | 'PER_PAGE_ELECTRONIC';

/** `line` is the zero-based index into `request.lines`; messages count lines from 1 for people. */
export type FeeRefusal = { code: FeeRefusalCode; line?: number; message: string };

/**
 * `capped` is true when the 164.524(c)(4) limits were applied (the individual's
 * own copy) and false for a third-party directive, which *Ciox* took outside
 * them. It does not mean "flat fee": the $6.50 figure is an option, not a cap (§2.5).
 */
export type FeeResult = { ok: true; totalCents: number; lines: FeeLine[]; capped: boolean } | { ok: false; refusals: FeeRefusal[] };

/** HHS FAQ 2029/2030: the optional flat fee for an electronic copy of electronically kept PHI. */
export const FLAT_FEE_LIMIT_CENTS = 650;

// Phrases that price an electronic copy by the page (guidance, verified-secondary, §2.5).
const PER_PAGE_PATTERN = /\bper[\s-]*(page|pg|sheet)s?\b|\/\s*(page|pg)s?\b|\beach\s+page\b|\bpage\s+rate\b|\bby\s+the\s+page\b/i;

export function calculateAccessFee(request: AccessFeeRequest): FeeResult {
  const refusals: FeeRefusal[] = [];
  const selfCopy = request.recipient === 'self';
  const electronicCopyOfElectronicPhi = request.format === 'electronic' && request.phiKeptElectronically;
  let totalCents = 0;

  request.lines.forEach((line, index) => {
    const where = `Line ${index + 1} (${String(line.kind)})`;
    const amount: unknown = line.amountCents;
    const validAmount = typeof amount === 'number' && Number.isSafeInteger(amount) && amount >= 0;

    // Amount checks survive Ciox: they are about the data, not the fee limit.
    if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) {
      refusals.push({ code: 'NOT_INTEGER_CENTS', line: index, message: `${where}: the amount must be a whole number of cents.` });
    }
    if (typeof amount === 'number' && amount < 0) {
      refusals.push({ code: 'NEGATIVE_AMOUNT', line: index, message: `${where}: the amount cannot be negative.` });
    }
    if (validAmount) totalCents += amount;

    if (!selfCopy) return;

    if (!(FEE_LINE_KINDS as readonly string[]).includes(line.kind)) {
      refusals.push({
        code: 'UNKNOWN_LINE_KIND',
        line: index,
        message: `${where}: only copy labor, paper or portable-media supplies, postage and an agreed summary may be charged (45 CFR 164.524(c)(4)); search, retrieval, verification, review and segregation may not.`,
      });
      return;
    }

    // The remaining rules limit what is *charged*; a zero line charges nothing.
    if (!validAmount || amount === 0) return;

    if (request.accessType === 'inspect') {
      refusals.push({
        code: 'INSPECTION_IS_FREE',
        line: index,
        message: `${where}: inspection alone carries no fee; 45 CFR 164.524(c)(4) allows a fee only for a copy or an agreed summary.`,
      });
    }
    if (line.kind === 'summary_preparation' && request.summaryFeeAgreedAt === null) {
      refusals.push({
        code: 'SUMMARY_NOT_AGREED',
        line: index,
        message: `${where}: a summary may be charged only if the individual agreed to the summary and its fee in advance (45 CFR 164.524(c)(2)(iii), (c)(4)(iv)).`,
      });
    }
    if (line.kind === 'supplies_portable_media' && !request.portableMediaRequested) {
      refusals.push({
        code: 'NO_PORTABLE_MEDIA_REQUESTED',
        line: index,
        message: `${where}: portable media may be charged only when the individual asked for the copy on portable media (45 CFR 164.524(c)(4)(ii)).`,
      });
    }
    if (line.kind === 'postage' && request.delivery !== 'mail') {
      refusals.push({
        code: 'POSTAGE_WITHOUT_MAIL',
        line: index,
        message: `${where}: postage may be charged only when the individual asked for the copy to be mailed (45 CFR 164.524(c)(4)(iii)).`,
      });
    }
    if (electronicCopyOfElectronicPhi && line.note !== undefined && PER_PAGE_PATTERN.test(line.note)) {
      refusals.push({
        code: 'PER_PAGE_ELECTRONIC',
        line: index,
        message: `${where}: an electronic copy of electronically kept PHI may not be priced per page (HHS access guidance, 2016).`,
      });
    }
  });

  if (selfCopy && request.pricing === 'flat' && totalCents > 0) {
    if (!electronicCopyOfElectronicPhi) {
      refusals.push({
        code: 'FLAT_FEE_NOT_ALLOWED',
        message:
          'A flat fee is allowed only for an electronic copy of PHI kept electronically (HHS FAQ 2029); use actual or average-schedule pricing.',
      });
    }
    if (totalCents > FLAT_FEE_LIMIT_CENTS) {
      refusals.push({
        code: 'FLAT_FEE_OVER_LIMIT',
        message: `A flat fee may not exceed ${formatCents(FLAT_FEE_LIMIT_CENTS)} for all labor, supplies and postage (HHS FAQ 2029/2030); this one is ${formatCents(totalCents)}. Use actual or average-schedule pricing for a larger fee.`,
      });
    }
  }

  if (refusals.length > 0) return { ok: false, refusals };
  return { ok: true, totalCents, lines: request.lines.map((line) => ({ ...line })), capped: selfCopy };
}

const LINE_LABELS: Record<FeeLineKind, string> = {
  copy_labor: 'Labor to make the copy',
  supplies_paper: 'Paper',
  supplies_portable_media: 'The portable media (such as a USB drive or disc) you asked for',
  postage: 'Postage to mail the copy',
  summary_preparation: 'Preparing the summary or explanation you agreed to in advance',
};

/**
 * Sentences for the advance fee notice: the covered entity must tell the
 * individual the approximate fee in advance (HHS FAQ 2030, §2.5). For a refused
 * fee the sentences are for the privacy officer, not the patient.
 */
export function explainAccessFee(request: AccessFeeRequest, result: FeeResult): string[] {
  if (!result.ok) {
    const count = result.refusals.length;
    return [
      `No fee notice can be sent yet: the fee breaks ${count} ${count === 1 ? 'rule' : 'rules'}. Correct the fee lines and calculate again.`,
      ...result.refusals.map((refusal) => refusal.message),
    ];
  }

  const itemised = result.lines
    .filter((line) => line.amountCents > 0)
    .map((line) => `${LINE_LABELS[line.kind] ?? `Other cost (${String(line.kind)})`}: ${formatCents(line.amountCents)}.`);

  if (request.recipient === 'third_party_directive') {
    if (result.totalCents === 0) return ['There is no fee for sending a copy of your records to the recipient you named.'];
    return [
      `The approximate fee for sending a copy of your records to the recipient you named is ${formatCents(result.totalCents)}.`,
      ...itemised,
    ];
  }

  if (result.totalCents === 0) {
    return [request.accessType === 'inspect' ? 'There is no fee to inspect your records.' : 'There is no fee for this request.'];
  }

  const total = formatCents(result.totalCents);
  const sentences: string[] = [];
  if (request.accessType === 'both') sentences.push('There is no fee to inspect your records; the fee below is for your copy.');
  switch (request.pricing) {
    case 'flat':
      sentences.push(`The fee for your electronic copy is a flat ${total}, which covers all labor, supplies and postage.`);
      break;
    case 'average_schedule':
      sentences.push(`The approximate fee for your copy is ${total}, based on our schedule of average labor costs for standard requests.`);
      break;
    case 'actual':
      sentences.push(`The approximate fee for your copy is ${total}, based on what it actually costs us to prepare it.`);
      break;
  }
  sentences.push(...itemised);
  sentences.push(
    'The fee covers only the cost of making and sending your copy and any summary you agreed to; we do not charge for searching for, retrieving or reviewing your records.',
    'We will not hold back your copy because of unpaid bills for health care.',
  );
  return sentences;
}

function formatCents(cents: number): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);
}
