import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThanOrEqual } from 'typeorm';
import { AuditService, type AuditContext } from '#audit';
import { DomainError } from '#domain';
import { OrganisationProfile, PrivacyNotice } from '#persistence';
import type { OrganisationDto, PrivacyNoticeDto } from './dto/organisation.dto.js';

/** The organisation profile and the notice of privacy practices its letters are written from. */
@Injectable()
export class OrganisationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(): Promise<OrganisationProfile> {
    const profile = await this.dataSource.getRepository(OrganisationProfile).findOneBy({ id: 1 });
    if (!profile) throw new DomainError('NOT_FOUND', 'the organisation profile is not set up yet: PUT /api/v1/organisation');
    return profile;
  }

  async put(context: AuditContext, input: OrganisationDto): Promise<OrganisationProfile> {
    return this.dataSource.transaction(async (manager) => {
      await manager
        .getRepository(OrganisationProfile)
        .upsert({ id: 1, ...input, complaintsAddress: input.complaintsAddress ?? null, updatedBy: context.actor } as never, ['id']);
      await this.audit.record(manager, context, { action: 'organisation.update', targetType: 'organisation', targetId: '1' });
      return manager.getRepository(OrganisationProfile).findOneByOrFail({ id: 1 });
    });
  }

  async addNotice(context: AuditContext, input: PrivacyNoticeDto): Promise<PrivacyNotice> {
    return this.dataSource.transaction(async (manager) => {
      if (await manager.getRepository(PrivacyNotice).existsBy({ version: input.version, language: input.language })) {
        throw new DomainError('CONFLICT', 'this version of the notice exists already; notices are never edited, add a new version', [
          { field: 'version', message: 'version exists in this language' },
        ]);
      }
      const notice = await manager
        .getRepository(PrivacyNotice)
        .save(manager.getRepository(PrivacyNotice).create({ ...input, createdBy: context.actor }));
      await this.audit.record(manager, context, { action: 'privacy_notice.create', targetType: 'privacy_notice', targetId: notice.id });
      return notice;
    });
  }

  listNotices(): Promise<PrivacyNotice[]> {
    return this.dataSource.getRepository(PrivacyNotice).find({ order: { effectiveOn: 'DESC', language: 'ASC' } });
  }

  /** The notice in force on `onDate` in `language` (falling back to English). */
  async currentNotice(onDate: string, language: string): Promise<PrivacyNotice | null> {
    const repository = this.dataSource.getRepository(PrivacyNotice);
    for (const candidate of [language, 'en']) {
      const notice = await repository.findOne({
        where: { language: candidate, effectiveOn: LessThanOrEqual(onDate) },
        order: { effectiveOn: 'DESC', createdAt: 'DESC' },
      });
      if (notice) return notice;
    }
    return null;
  }
}
