import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LessThanOrEqual } from 'typeorm';
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
  ): Promise<LoadedLetterSources> {
    const [patient, organisation] = await Promise.all([
      request.patientId ? manager.getRepository(Patient).findOneBy({ id: request.patientId }) : Promise.resolve(null),
      manager.getRepository(OrganisationProfile).findOneBy({ id: 1 }),
    ]);
    let notice: PrivacyNotice | null = null;
    for (const language of [request.language, 'en']) {
      notice = await manager
        .getRepository(PrivacyNotice)
        .findOne({ where: { language, effectiveOn: LessThanOrEqual(onDate) }, order: { effectiveOn: 'DESC', createdAt: 'DESC' } });
      if (notice) break;
    }
    const accounting =
      request.type === 'accounting'
        ? await manager.getRepository(AccountingSnapshot).findOneBy({ requestId: request.id, requestVersion: version })
        : null;
    return { patient, organisation, notice, accounting };
  }
}
