import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError } from 'bullmq';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '#audit';
import { AppConfig } from '#config';
import { LETTERS, LetterIncompleteError, buildLetterModel, letterInputsFrom, renderLetter } from '#documents';
import { calendarDateIn } from '#domain';
import type { JobPayloads } from '#jobs';
import { DocumentRecord, LetterSourcesRepository, RequestEvent, RequestRecord } from '#persistence';
import type { JobOutcome, JobProcessor } from '../runner/job-handler.js';

/**
 * Jobs of the `documents` queue. `document.render` makes the letter an action
 * asked for: from the request, the event of that version (its input and its
 * date) and what is on file; stores it once per request, template and version
 * (a unique key), with its SHA-256. Documents are immutable once stored.
 */
@Injectable()
export class DocumentsProcessor implements JobProcessor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sources: LetterSourcesRepository,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  readonly handlers = {
    'document.render': async ({ requestId, template: name, requestVersion }: JobPayloads['document.render']): Promise<JobOutcome> => {
      const template = LETTERS[name];
      if (!template) throw new UnrecoverableError(`no letter template ${name}`);
      const manager = this.dataSource.manager;
      const existing = await manager
        .getRepository(DocumentRecord)
        .findOne({ where: { requestId, template: name, requestVersion }, select: { id: true } });
      if (existing) return { status: 'skipped', why: 'already made', documentId: existing.id };
      const request = await manager.getRepository(RequestRecord).findOneBy({ id: requestId });
      const event = await manager.getRepository(RequestEvent).findOneBy({ requestId, version: requestVersion });
      if (!request || !event) return { status: 'skipped', why: 'gone' };
      const occurredOn = calendarDateIn(event.occurredAt, this.config.organisation.timeZone);
      // The request as it stood at that version, not as it stands now: a late job writes the same letter.
      const asOfVersion = { ...request, ...(event.requestState ?? {}) } as RequestRecord;
      const inputs = letterInputsFrom(
        asOfVersion,
        { version: event.version, action: event.action, data: event.data, occurredOn },
        await this.sources.load(manager, asOfVersion, occurredOn, event.version),
      );
      let pdf: Buffer;
      try {
        pdf = await renderLetter(template, buildLetterModel(name, inputs));
      } catch (error) {
        // What is on file changed since the action was checked: retrying cannot help.
        if (error instanceof LetterIncompleteError) throw new UnrecoverableError(error.message);
        throw error;
      }
      const sha256 = createHash('sha256').update(pdf).digest('hex');
      return this.dataSource.transaction(async (transaction) => {
        const inserted = await transaction
          .createQueryBuilder()
          .insert()
          .into(DocumentRecord)
          .values({
            requestId,
            template: name,
            templateVersion: template.version,
            requestVersion,
            language: inputs.request.language,
            title: template.title(buildLetterModel(name, inputs)),
            contentType: 'application/pdf',
            sizeBytes: pdf.length,
            sha256,
            content: pdf,
          })
          .orIgnore()
          .returning(['id'])
          .execute();
        const id = (inserted.raw as { id: string }[])[0]?.id;
        if (!id) return { status: 'skipped', why: 'made by another worker' };
        await this.audit.record(
          transaction,
          { actor: 'system:documents' },
          {
            action: 'document.create',
            targetType: 'document',
            targetId: id,
            patientId: request.patientId,
            details: { template: name, requestVersion, sha256 },
          },
        );
        return { status: 'done', documentId: id };
      });
    },
  };
}
