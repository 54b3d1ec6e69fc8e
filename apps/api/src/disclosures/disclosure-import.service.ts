import { Injectable } from '@nestjs/common';
import { validateSync } from 'class-validator';
import type { Readable } from 'node:stream';
import { AuditService, type AuditContext } from '#audit';
import { DomainError } from '#domain';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { flattenValidationErrors, inputShapeErrors } from '../common/validation.pipe.js';
import { ImportFormatError, readImportLines, type ImportFormat } from './disclosure-lines.js';
import { DisclosuresService, sourceOf, type FieldError } from './disclosures.service.js';
import { CreateDisclosureDto, RecipientDto } from './dto/create-disclosure.dto.js';
import type { DisclosureImportReport } from './dto/disclosure.response.js';

/** Lines written per transaction: large enough to be fast, small enough to keep memory flat. */
const BATCH_SIZE = 1000;
/** Batches written at once: two keep both of a small machine's cores busy. */
const WRITERS = 2;
/** Refused lines listed in the report; the total is always counted. */
const MAX_LISTED_REJECTIONS = 1000;

/**
 * `POST /disclosures/import`: reads the upload line by line as it arrives,
 * checks each line as `POST /disclosures` checks its body, and records the
 * good ones in batches. A line is recorded whole or not at all; importing a
 * file again adds nothing (each line names its source id).
 */
@Injectable()
export class DisclosureImportService {
  constructor(
    private readonly disclosures: DisclosuresService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async import(context: AuditContext, body: Readable, format: ImportFormat): Promise<DisclosureImportReport> {
    const report: DisclosureImportReport = {
      imported: 0,
      duplicates: 0,
      rejectedTotal: 0,
      rejected: [],
      incomplete: 0,
      restrictionConflicts: 0,
    };
    const reject = (line: number, errors: FieldError[]) => {
      report.rejectedTotal += 1;
      if (report.rejected.length < MAX_LISTED_REJECTIONS) report.rejected.push({ line, errors });
    };
    let batch: Batch = [];
    // Batches are written while the next ones are read and checked, at most WRITERS at a time, so
    // the database and the parser work at once and memory stays flat.
    const writing = new Set<Promise<void>>();
    let failure: unknown = null;
    const send = async () => {
      while (writing.size >= WRITERS) await Promise.race(writing);
      if (failure) throw failure;
      if (batch.length === 0) return;
      const current = batch;
      batch = [];
      const write: Promise<void> = this.write(context, current, report, reject)
        .catch((error: unknown) => {
          failure ??= error;
        })
        .finally(() => writing.delete(write));
      writing.add(write);
    };
    const flush = async () => {
      await send();
      await Promise.all(writing);
      if (failure) throw failure;
    };

    let lastLine = 0;
    try {
      for await (const item of readImportLines(body, format)) {
        lastLine = item.line;
        if ('error' in item) {
          reject(item.line, [{ field: 'line', message: item.error }]);
          continue;
        }
        const checked = checkLine(item.record);
        if ('errors' in checked) reject(item.line, checked.errors);
        else batch.push({ line: item.line, input: checked.input });
        if (batch.length >= BATCH_SIZE) await send();
      }
    } catch (error) {
      if (!(error instanceof ImportFormatError)) throw error;
      // Nothing read yet (no header, say): the file is refused whole. Later: keep what was read, say where it stopped.
      if (lastLine === 0 && batch.length === 0) {
        throw new DomainError('INVALID_INPUT', error.message, [{ field: 'body', message: error.message }]);
      }
      reject(lastLine + 1, [{ field: 'file', message: `the rest of the file could not be read: ${error.message}` }]);
    }
    await flush();

    report.rejected.sort((a, b) => a.line - b.line);
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, context, {
        action: 'disclosure.import',
        targetType: 'disclosure',
        details: { format, imported: report.imported, duplicates: report.duplicates, rejected: report.rejectedTotal },
      }),
    );
    return report;
  }

  /** Records one batch (one transaction) and counts what became of each line. */
  private async write(context: AuditContext, batch: Batch, report: DisclosureImportReport, reject: Reject): Promise<void> {
    const outcomes = await this.disclosures.recordBatch(
      context,
      batch.map((item) => item.input),
    );
    outcomes.forEach((outcome, index) => {
      if (outcome.kind === 'rejected') reject(batch[index].line, outcome.errors);
      else if (outcome.kind === 'duplicate') report.duplicates += 1;
      else {
        report.imported += 1;
        if (outcome.missing.length) report.incomplete += 1;
        if (outcome.disclosure.restrictionConflicts.length) report.restrictionConflicts += 1;
      }
    });
  }
}

type Batch = { line: number; input: CreateDisclosureDto }[];
type Reject = (line: number, errors: FieldError[]) => void;

/** The same rules as the global ValidationPipe, plus the source id an import needs to be repeatable. */
function checkLine(record: Record<string, unknown>): { input: CreateDisclosureDto } | { errors: FieldError[] } {
  // As the pipe does for a JSON body: keys such as __proto__ or hasOwnProperty, and deep nesting, before the DTO sees them.
  const shape = inputShapeErrors(record);
  if (shape.length) return { errors: shape };
  const input = toDisclosureDto(record);
  // Synchronous: the DTO has no async rules, and a promise per line costs a third of the check.
  const errors = validateSync(input, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
  });
  if (errors.length) return { errors: flattenValidationErrors(errors) };
  if (!sourceOf(input).id) {
    return { errors: [{ field: 'sourceId', message: 'sourceId is required in an import, so that importing the file again adds nothing' }] };
  }
  return { input };
}

/**
 * What class-transformer's plainToInstance makes of a line, without its generic walk (a tenth of
 * an import's CPU): the DTO has no transforms, only the nested recipient. Values are copied as
 * they are, unknown keys included, so validation sees exactly what the JSON body pipe would.
 */
function toDisclosureDto(record: Record<string, unknown>): CreateDisclosureDto {
  const input = Object.assign(new CreateDisclosureDto(), record);
  const recipient = record.recipient;
  if (recipient !== null && typeof recipient === 'object' && !Array.isArray(recipient)) {
    input.recipient = Object.assign(new RecipientDto(), recipient);
  }
  return input;
}
