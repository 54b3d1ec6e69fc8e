import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, type AuditContext } from '#audit';
import { AppConfig } from '#config';
import { DomainError, calendarDateIn, type AccountingResult, type Clock } from '#domain';
import { AccountingSuspension, Patient } from '#persistence';
import { CLOCK } from '../requests/clock.provider.js';
import { AccountingLedger } from './accounting-ledger.js';
import type { CreateSuspensionDto, WrittenStatementDto } from './dto/accounting.dto.js';

/** The accounting preview and the suspensions it honours; each read and write is audited. */
@Injectable()
export class AccountingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: AccountingLedger,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  today(): string {
    return calendarDateIn(this.clock.now(), this.config.organisation.timeZone);
  }

  /** What an accounting requested on `asOf` would list, and what must be corrected first. */
  async preview(context: AuditContext, patientId: string, asOf: string): Promise<AccountingResult> {
    if (asOf > this.today()) {
      throw new DomainError('INVALID_INPUT', 'asOf may not be in the future', [
        { field: 'asOf', message: 'asOf may not be in the future' },
      ]);
    }
    return this.dataSource.transaction(async (manager) => {
      if (!(await manager.getRepository(Patient).existsBy({ id: patientId }))) throw new DomainError('NOT_FOUND', 'no such patient');
      const result = await this.ledger.compute(manager, patientId, { requestedOn: asOf });
      await this.audit.record(manager, context, {
        action: 'accounting.preview',
        targetType: 'patient',
        targetId: patientId,
        patientId,
        details: { entries: result.entries.length, problems: result.problems.length, withheld: result.withheldForSuspension },
      });
      return result;
    });
  }

  async createSuspension(context: AuditContext, input: CreateSuspensionDto): Promise<AccountingSuspension> {
    if (input.startsAt > input.endsAt) {
      throw new DomainError('INVALID_INPUT', 'the suspension must end on or after it starts', [
        { field: 'endsAt', message: 'endsAt must be on or after startsAt' },
      ]);
    }
    return this.dataSource.transaction(async (manager) => {
      if (input.patientId && !(await manager.getRepository(Patient).existsBy({ id: input.patientId }))) {
        throw new DomainError('INVALID_INPUT', 'no such patient', [{ field: 'patientId', message: 'patientId names no patient' }]);
      }
      const repository = manager.getRepository(AccountingSuspension);
      const saved = await repository.save(
        repository.create({
          patientId: input.patientId ?? null,
          agency: input.agency.trim(),
          statement: input.statement,
          startsOn: input.startsAt,
          endsOn: input.endsAt,
          writtenConfirmedOn: null,
          reason: input.reason.trim(),
          recordedBy: context.actor,
        }),
      );
      await this.audit.record(manager, context, {
        action: 'accounting.suspension.create',
        targetType: 'accounting_suspension',
        targetId: saved.id,
        patientId: saved.patientId,
        details: { kind: saved.statement, startsOn: saved.startsOn, endsOn: saved.endsOn },
      });
      return saved;
    });
  }

  /** An oral statement confirmed in writing (164.528(a)(2)(ii)(C)); the rules decide whether it came in time. */
  async confirmInWriting(context: AuditContext, id: string, input: WrittenStatementDto): Promise<AccountingSuspension> {
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(AccountingSuspension);
      const suspension = await repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!suspension) throw new DomainError('NOT_FOUND', 'no such suspension');
      if (suspension.statement !== 'oral' || suspension.writtenConfirmedOn) {
        throw new DomainError('CONFLICT', 'only an oral statement not yet confirmed can be confirmed in writing', [], undefined, {
          code: 'NOT_AN_ORAL_STATEMENT',
          citation: '45 CFR 164.528(a)(2)(ii)',
        });
      }
      const endsOn = input.endsAt ?? suspension.endsOn;
      if (input.receivedOn < suspension.startsOn || endsOn < suspension.startsOn) {
        throw new DomainError('INVALID_INPUT', 'the written statement cannot precede the oral one', [
          { field: 'receivedOn', message: 'receivedOn and endsAt must be on or after the oral statement' },
        ]);
      }
      await repository.update({ id }, { writtenConfirmedOn: input.receivedOn, endsOn });
      await this.audit.record(manager, context, {
        action: 'accounting.suspension.confirm',
        targetType: 'accounting_suspension',
        targetId: id,
        patientId: suspension.patientId,
        details: { writtenConfirmedOn: input.receivedOn, endsOn },
      });
      return { ...suspension, writtenConfirmedOn: input.receivedOn, endsOn };
    });
  }

  async listSuspensions(context: AuditContext, patientId?: string): Promise<AccountingSuspension[]> {
    return this.dataSource.transaction(async (manager) => {
      const query = manager.getRepository(AccountingSuspension).createQueryBuilder('s').orderBy('s.starts_on', 'DESC').addOrderBy('s.id');
      if (patientId) query.where('(s.patient_id = :patientId OR s.patient_id IS NULL)', { patientId });
      const rows = await query.limit(500).getMany();
      await this.audit.record(manager, context, {
        action: 'accounting.suspension.list',
        targetType: 'accounting_suspension',
        patientId: patientId ?? null,
        details: { count: rows.length },
      });
      return rows;
    });
  }
}
