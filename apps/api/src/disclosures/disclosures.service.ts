import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, type AuditContext, type AuditEntry } from '#audit';
import { AppConfig } from '#config';
import {
  DomainError,
  calendarDateIn,
  accountingGaps,
  isSelfPayRestriction,
  restrictionConflicts,
  type Clock,
  type RestrictionInForce,
} from '#domain';
import { DisclosuresRepository, Patient, type DisclosureRecord, type NewDisclosure } from '#persistence';
import { CLOCK } from '../requests/clock.provider.js';
import { RestrictionConflictNotifier } from './restriction-conflict-notifier.js';
import type { CorrectDisclosureDto, CreateDisclosureDto } from './dto/create-disclosure.dto.js';

export type FieldError = { field: string; message: string };

/** What became of one disclosure offered to the ledger. */
export type RecordOutcome =
  | { kind: 'created'; disclosure: NewDisclosure & { id: string }; missing: string[] }
  | { kind: 'duplicate' }
  | { kind: 'rejected'; errors: FieldError[] };

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
// A date-time must say its offset: "10:00" alone would be read in the server's zone.
const DATE_TIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * The disclosure ledger's write side. Each batch is one transaction: the rows,
 * one audit event per patient naming the ids written, and a notification to
 * the privacy officers for any that break an agreed restriction.
 */
@Injectable()
export class DisclosuresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly disclosures: DisclosuresRepository,
    private readonly audit: AuditService,
    private readonly notifier: RestrictionConflictNotifier,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Records one disclosure (POST /disclosures): 422 on bad input; a repeated source id returns the existing one. */
  async record(context: AuditContext, input: CreateDisclosureDto): Promise<{ created: boolean; disclosure: DisclosureRecord }> {
    const [outcome] = await this.recordBatch(context, [input]);
    if (outcome.kind === 'rejected')
      throw new DomainError('INVALID_INPUT', outcome.errors.map((e) => e.message).join('; '), outcome.errors);
    return this.dataSource.transaction(async (manager) => {
      const id =
        outcome.kind === 'created'
          ? outcome.disclosure.id
          : await this.disclosures.idBySource(manager, sourceOf(input).system, sourceOf(input).id ?? '');
      const disclosure = id ? await this.disclosures.findById(manager, id) : null;
      if (!disclosure) throw new Error('a recorded disclosure could not be read back');
      if (outcome.kind === 'duplicate') await this.audit.record(manager, context, readEntry(disclosure));
      return { created: outcome.kind === 'created', disclosure };
    });
  }

  /**
   * Records a batch of already-validated inputs in one transaction, and says what became of each,
   * in order. Rows that cannot be recorded (unknown patient, a future date) are rejected one by one;
   * the rest go in together.
   */
  async recordBatch(context: AuditContext, inputs: readonly CreateDisclosureDto[]): Promise<RecordOutcome[]> {
    return this.dataSource.transaction(async (manager) => {
      const patients = await this.patientIds(manager, inputs);
      const today = calendarDateIn(this.clock.now(), this.config.organisation.timeZone);
      const outcomes: RecordOutcome[] = [];
      const rows: NewDisclosure[] = [];
      const rowOutcome: number[] = [];
      for (const input of inputs) {
        const prepared = this.prepare(context, input, patients, today);
        if ('errors' in prepared) {
          outcomes.push({ kind: 'rejected', errors: prepared.errors });
        } else {
          rowOutcome.push(outcomes.length);
          outcomes.push({ kind: 'duplicate' });
          rows.push(prepared.row);
        }
      }
      await this.flagConflicts(manager, rows);
      const ids = await this.disclosures.insertMany(manager, rows);
      const written: (NewDisclosure & { id: string })[] = [];
      ids.forEach((id, index) => {
        if (id === null) return;
        const disclosure = { ...rows[index], id };
        written.push(disclosure);
        outcomes[rowOutcome[index]] = { kind: 'created', disclosure, missing: accountingGaps(disclosure) };
      });
      await this.audit.recordMany(manager, context, createEntries(written));
      await this.notifier.notify(manager, written);
      return outcomes;
    });
  }

  /** Corrects a disclosure with a new row that supersedes it; the second of two concurrent corrections gets 409. */
  async correct(context: AuditContext, id: string, input: CorrectDisclosureDto): Promise<DisclosureRecord> {
    return this.dataSource.transaction(async (manager) => {
      const old = await this.disclosures.findById(manager, id);
      if (!old) throw new DomainError('NOT_FOUND', 'no such disclosure');
      if (await this.disclosures.correctionOf(manager, id)) throw alreadyCorrected();
      if (old.voided) throw new DomainError('CONFLICT', 'a voided disclosure cannot be corrected', [], undefined, { code: 'VOIDED' });
      const patientId = input.patientId ?? old.patientId;
      if (input.patientId && !(await manager.getRepository(Patient).existsBy({ id: input.patientId }))) {
        throw new DomainError('INVALID_INPUT', 'no such patient', [{ field: 'patientId', message: 'patientId names no patient' }]);
      }
      const today = calendarDateIn(this.clock.now(), this.config.organisation.timeZone);
      const disclosedOn = input.disclosedAt === undefined ? old.disclosedOn : this.dateOf(input.disclosedAt, today);
      if (typeof disclosedOn !== 'string') throw new DomainError('INVALID_INPUT', disclosedOn.message, [disclosedOn]);
      const row: NewDisclosure = {
        patientId,
        disclosedOn,
        recipientName: input.recipient?.name?.trim() ?? old.recipientName,
        recipientAddress: input.recipient?.address?.trim() ?? old.recipientAddress,
        recipientAgency: input.recipient?.agency?.trim() ?? old.recipientAgency,
        description: input.description?.trim() ?? old.description,
        purpose: input.purpose?.trim() ?? old.purpose,
        category: input.category ?? old.category,
        madeBy: input.madeBy?.trim() ?? old.madeBy,
        // The correction is the same disclosure: it keeps the source, and the source id stays unique on the first row.
        sourceSystem: old.sourceSystem,
        sourceId: null,
        supersedesId: old.id,
        correctionReason: input.reason.trim(),
        voided: input.voided ?? false,
        restrictionConflicts: [],
        recordedBy: context.actor,
      };
      if (!row.voided) await this.flagConflicts(manager, [row]);
      let newId: string | null;
      try {
        [newId] = await this.disclosures.insertMany(manager, [row]);
      } catch (error) {
        // uq_disclosures_supersedes: someone else's correction committed first.
        if ((error as { constraint?: string }).constraint === 'uq_disclosures_supersedes') throw alreadyCorrected();
        throw error;
      }
      await this.audit.record(manager, context, {
        action: 'disclosure.correct',
        targetType: 'disclosure',
        targetId: newId,
        patientId,
        details: { supersedes: old.id, voided: row.voided, previousPatient: patientId === old.patientId ? null : old.patientId },
      });
      await this.notifier.notify(manager, [{ ...row, id: newId as string }]);
      return (await this.disclosures.findById(manager, newId as string)) as DisclosureRecord;
    });
  }

  /** One disclosure, corrected or not (its history is reachable through supersedesId). */
  async get(context: AuditContext, id: string): Promise<{ disclosure: DisclosureRecord; correctedBy: string | null }> {
    return this.dataSource.transaction(async (manager) => {
      const disclosure = await this.disclosures.findById(manager, id);
      if (!disclosure) throw new DomainError('NOT_FOUND', 'no such disclosure');
      await this.audit.record(manager, context, readEntry(disclosure));
      return { disclosure, correctedBy: await this.disclosures.correctionOf(manager, id) };
    });
  }

  /** The patient's disclosures as they stand (corrections applied, voided ones gone). */
  async listForPatient(context: AuditContext, patientId: string, range: { from?: string; to?: string }): Promise<DisclosureRecord[]> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await manager.getRepository(Patient).existsBy({ id: patientId }))) throw new DomainError('NOT_FOUND', 'no such patient');
      const rows = await this.disclosures.current(manager, patientId, range);
      await this.audit.record(manager, context, {
        action: 'disclosure.list',
        targetType: 'patient',
        targetId: patientId,
        patientId,
        details: { count: rows.length },
      });
      return rows;
    });
  }

  /** Checks what class-validator cannot (the patient exists, the date is not in the future) and shapes the row. */
  private prepare(
    context: AuditContext,
    input: CreateDisclosureDto,
    patients: { byId: Set<string>; byMrn: Map<string, string> },
    today: string,
  ): { row: NewDisclosure } | { errors: FieldError[] } {
    const errors: FieldError[] = [];
    if (input.patientId !== undefined && input.patientMrn !== undefined) {
      return { errors: [{ field: 'patientMrn', message: 'give patientId or patientMrn, not both' }] };
    }
    const patientId = input.patientId
      ? patients.byId.has(input.patientId.toLowerCase())
        ? input.patientId.toLowerCase()
        : null
      : (patients.byMrn.get(input.patientMrn ?? '') ?? null);
    if (!patientId)
      errors.push(
        input.patientId
          ? { field: 'patientId', message: 'patientId names no patient' }
          : { field: 'patientMrn', message: 'patientMrn names no patient' },
      );
    const disclosedOn = this.dateOf(input.disclosedAt, today);
    if (typeof disclosedOn !== 'string') errors.push(disclosedOn);
    if (errors.length || !patientId || typeof disclosedOn !== 'string') return { errors };
    return {
      row: {
        patientId,
        disclosedOn,
        recipientName: input.recipient?.name?.trim() ?? '',
        recipientAddress: input.recipient?.address?.trim() || null,
        recipientAgency: input.recipient?.agency?.trim() || null,
        description: input.description?.trim() ?? '',
        purpose: input.purpose?.trim() ?? '',
        category: input.category,
        madeBy: input.madeBy?.trim() || 'clinic',
        sourceSystem: sourceOf(input).system,
        sourceId: sourceOf(input).id,
        supersedesId: null,
        correctionReason: null,
        voided: false,
        restrictionConflicts: [],
        recordedBy: context.actor,
      },
    };
  }

  /** The date of a disclosure in the organisation's zone, from a date or a date-time with its offset. */
  private dateOf(disclosedAt: string, today: string): string | FieldError {
    let date: string;
    if (DATE_ONLY.test(disclosedAt)) date = disclosedAt;
    else if (DATE_TIME_WITH_OFFSET.test(disclosedAt) && !Number.isNaN(Date.parse(disclosedAt)))
      date = calendarDateIn(new Date(disclosedAt), this.config.organisation.timeZone);
    else return { field: 'disclosedAt', message: 'disclosedAt must be a date (YYYY-MM-DD) or a date-time with its offset' };
    return date > today ? { field: 'disclosedAt', message: 'disclosedAt may not be in the future' } : date;
  }

  /** Resolves the patients the inputs name, by id or MRN, in one query. */
  private async patientIds(manager: EntityManager, inputs: readonly CreateDisclosureDto[]) {
    const ids = [...new Set(inputs.map((input) => input.patientId?.toLowerCase()).filter((id): id is string => !!id))];
    const mrns = [...new Set(inputs.map((input) => input.patientMrn).filter((mrn): mrn is string => !!mrn))];
    const found = (await manager.query(`SELECT id, mrn FROM patients WHERE id = ANY($1::uuid[]) OR mrn = ANY($2::text[])`, [
      ids,
      mrns,
    ])) as {
      id: string;
      mrn: string | null;
    }[];
    const wantedIds = new Set(ids);
    return {
      byId: new Set(found.filter((patient) => wantedIds.has(patient.id)).map((patient) => patient.id)),
      byMrn: new Map(found.filter((patient) => patient.mrn !== null).map((patient) => [patient.mrn as string, patient.id])),
    };
  }

  /** Notes on each row the agreed restrictions in force it appears to break (45 CFR 164.522(a)). */
  private async flagConflicts(manager: EntityManager, rows: NewDisclosure[]): Promise<void> {
    const restrictions = await this.disclosures.restrictionsInForce(
      manager,
      rows.map((row) => row.patientId),
    );
    if (restrictions.length === 0) return;
    const byPatient = new Map<string, RestrictionInForce[]>();
    for (const restriction of restrictions) {
      const list = byPatient.get(restriction.patientId) ?? [];
      list.push({
        requestId: restriction.requestId,
        reference: restriction.reference,
        purpose: String(restriction.details.purpose ?? ''),
        recipient: typeof restriction.details.recipient === 'string' ? restriction.details.recipient : null,
        selfPay: isSelfPayRestriction(restriction.details),
        effectiveOn: typeof restriction.decision.agreedOn === 'string' ? restriction.decision.agreedOn : null,
      });
      byPatient.set(restriction.patientId, list);
    }
    for (const row of rows) row.restrictionConflicts = restrictionConflicts(row, byPatient.get(row.patientId) ?? []);
  }
}

/** Where a disclosure came from, as stored: the same spelling for the write and for the duplicate lookup. */
export function sourceOf(input: Pick<CreateDisclosureDto, 'sourceSystem' | 'sourceId'>): { system: string; id: string | null } {
  return { system: input.sourceSystem?.trim() || 'manual', id: input.sourceId?.trim() || null };
}

function alreadyCorrected(): DomainError {
  return new DomainError('CONFLICT', 'this disclosure has already been corrected; correct the newest version', [], undefined, {
    code: 'ALREADY_CORRECTED',
  });
}

function readEntry(disclosure: DisclosureRecord): AuditEntry {
  return { action: 'disclosure.read', targetType: 'disclosure', targetId: disclosure.id, patientId: disclosure.patientId };
}

/** One audit event per patient, naming the disclosures written for them. */
function createEntries(written: readonly (NewDisclosure & { id: string })[]): AuditEntry[] {
  const byPatient = new Map<string, string[]>();
  for (const row of written) byPatient.set(row.patientId, [...(byPatient.get(row.patientId) ?? []), row.id]);
  return [...byPatient].map(([patientId, ids]) => ({
    action: 'disclosure.create',
    targetType: 'disclosure',
    targetId: ids.length === 1 ? ids[0] : null,
    patientId,
    details: { count: ids.length, disclosureIds: ids },
  }));
}
