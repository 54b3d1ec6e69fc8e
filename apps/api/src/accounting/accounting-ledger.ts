import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError, computeAccounting, type AccountingResult, type Disclosure, type DisclosureCategory } from '#domain';
import { AccountingSnapshot, DisclosuresRepository, type RequestRecord } from '#persistence';

const ELEMENT_NAMES: Record<string, string> = {
  disclosedOn: 'its date',
  recipientName: 'the recipient’s name',
  description: 'a description of the information',
  purpose: 'the purpose',
  category: 'a known category',
};

/**
 * The accounting of one patient's disclosures, computed by the rules in
 * libs/domain from the ledger as it stands: for a preview, and for the
 * `provide` action, which stores what it computed so the letter lists exactly that.
 */
@Injectable()
export class AccountingLedger {
  constructor(private readonly disclosures: DisclosuresRepository) {}

  async compute(
    manager: EntityManager,
    patientId: string,
    request: { requestedOn: string; periodFrom?: string; periodTo?: string },
  ): Promise<AccountingResult> {
    const [rows, suspensions] = await Promise.all([
      // Rows outside the six years cannot be listed; rows with no date cannot exist (the column is NOT NULL).
      this.disclosures.current(manager, patientId, { to: request.requestedOn }),
      this.disclosures.suspensionsFor(manager, patientId),
    ]);
    return computeAccounting({
      ...request,
      disclosures: rows.map((row): Disclosure => ({
        id: row.id,
        disclosedOn: row.disclosedOn,
        recipientName: row.recipientName,
        recipientAddress: row.recipientAddress,
        recipientAgency: row.recipientAgency,
        description: row.description,
        purpose: row.purpose,
        category: row.category as DisclosureCategory,
        madeBy: row.madeBy,
      })),
      suspensions: suspensions.map((suspension) => ({
        agency: suspension.agency,
        statement: suspension.statement,
        statedOn: suspension.startsOn,
        suspendUntil: suspension.endsOn,
        writtenConfirmedOn: suspension.writtenConfirmedOn,
      })),
    });
  }

  /**
   * For `provide`: computes the accounting of the request's period and stores it against the
   * version the action writes. Refuses (422, nothing written) while a disclosure it would list
   * lacks an element, naming each one to fix (45 CFR 164.528(b)(2)).
   */
  async snapshot(manager: EntityManager, request: RequestRecord, version: number): Promise<Omit<AccountingSnapshot, 'createdAt'>> {
    if (!request.patientId) {
      throw incomplete('link the request to a patient before providing the accounting', [
        { field: 'patientId', message: 'the request names no patient, so there is no ledger to account for' },
      ]);
    }
    const decision = request.decision as { periodFrom: string; periodTo: string };
    const result = await this.compute(manager, request.patientId, {
      requestedOn: request.receivedOn,
      periodFrom: decision.periodFrom,
      periodTo: decision.periodTo,
    });
    if (result.problems.length) {
      const errors = result.problems.flatMap((problem) =>
        problem.missing.map((element) => ({
          field: `disclosures.${problem.disclosureId}.${element}`,
          message: `disclosure ${problem.disclosureId} lacks ${ELEMENT_NAMES[element] ?? element}`,
        })),
      );
      throw incomplete(
        `${result.problems.length} disclosure(s) in the period lack an element the accounting must show (45 CFR 164.528(b)(2)); correct them, then provide it`,
        errors,
      );
    }
    const snapshot: Omit<AccountingSnapshot, 'createdAt'> = {
      requestId: request.id,
      requestVersion: version,
      periodFrom: result.period.from,
      periodTo: result.period.to,
      entries: result.entries,
      withheldForSuspension: result.withheldForSuspension,
    };
    await manager.query(
      `INSERT INTO accounting_snapshots (request_id, request_version, period_from, period_to, entries, withheld_for_suspension)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [request.id, version, snapshot.periodFrom, snapshot.periodTo, JSON.stringify(snapshot.entries), snapshot.withheldForSuspension],
    );
    return snapshot;
  }
}

function incomplete(message: string, errors: { field: string; message: string }[]): DomainError {
  return new DomainError('INVALID_INPUT', message, errors, undefined, { code: 'ACCOUNTING_INCOMPLETE', citation: '45 CFR 164.528(b)(2)' });
}
