import { Injectable } from '@nestjs/common';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { AccountingSnapshot } from '../entities/accounting-snapshot.entity.js';
import { OrganisationProfile } from '../entities/organisation-profile.entity.js';
import { Patient } from '../entities/patient.entity.js';
import { PrivacyNotice } from '../entities/privacy-notice.entity.js';
import type { RequestRecord } from '../entities/request.entity.js';

/** The facts a letter is written from (see libs/documents LetterInputs), loaded in one place. */
export interface LoadedLetterSources {
  patient: Patient | null;
  organisation: OrganisationProfile | null;
  notice: PrivacyNotice | null;
  /** For an accounting provided at this version: the snapshot of the ledger it lists. */
  accounting: AccountingSnapshot | null;
}

@Injectable()
export class LetterSourcesRepository {
  /**
   * The patient, the organisation profile, the notice in force on `onDate` in the request's
   * language, and for an accounting the ledger snapshot of the event at `version`.
   */
  async load(
    manager: EntityManager,
    request: Pick<RequestRecord, 'id' | 'type' | 'patientId' | 'language'>,
    onDate: string,
    version: number,
    /**
     * More SELECT-list items (no parameters) to read in the same round trip, returned as `also`:
     * intake takes its reference number from the sequence this way.
     */
    alsoSelect?: string,
  ): Promise<LoadedLetterSources & { also: Record<string, unknown> }> {
    // One round trip for the three: every intake and every action with a letter pays for this.
    // The notice: the latest in force in the request's language, else in English.
    const [{ patient: patientRow, organisation: organisationRow, notice: noticeRow, ...also }] = (await manager.query(
      `SELECT ${alsoSelect ? `${alsoSelect},` : ''}
              (SELECT to_jsonb(p) FROM patients p WHERE p.id = $1) AS patient,
              (SELECT to_jsonb(o) FROM organisation_profile o WHERE o.id = 1) AS organisation,
              (SELECT to_jsonb(n) FROM privacy_notices n WHERE n.language IN ($2, 'en') AND n.effective_on <= $3
                ORDER BY n.language = $2 DESC, n.effective_on DESC, n.created_at DESC LIMIT 1) AS notice`,
      [request.patientId, request.language, onDate],
    )) as Record<string, Record<string, unknown> | null>[];
    const patient = entityFromJson(manager, Patient, patientRow);
    const organisation = entityFromJson(manager, OrganisationProfile, organisationRow);
    const notice = entityFromJson(manager, PrivacyNotice, noticeRow);
    const accounting =
      request.type === 'accounting'
        ? await manager.getRepository(AccountingSnapshot).findOneBy({ requestId: request.id, requestVersion: version })
        : null;
    return { patient, organisation, notice, accounting, also };
  }
}

/** An entity from a row serialised by to_jsonb(): columns by their database names, timestamps as ISO text. */
function entityFromJson<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  json: Record<string, unknown> | null,
): T | null {
  if (!json) return null;
  const values: Record<string, unknown> = {};
  for (const column of manager.connection.getMetadata(target).columns) {
    const value = json[column.databaseName];
    values[column.propertyName] = column.type === 'timestamptz' && typeof value === 'string' ? new Date(value) : value;
  }
  return manager.getRepository(target).create(values as T);
}
