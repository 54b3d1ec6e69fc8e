import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, type AuditContext } from '#audit';
import { DomainError } from '#domain';
import { Patient, RequestRecord } from '#persistence';
import type { CreatePatientDto } from './dto/create-patient.dto.js';

/** Types whose agreed outcome is an arrangement other systems must honour while it is in force. */
const ARRANGEMENT_TYPES = ['restriction', 'confidential_communication', 'communication_opt_out'];
const IN_FORCE_STATES = ['agreed', 'accommodated', 'applied'];

/** Patients: every read and write is an audit event naming the patient id, never the name. */
@Injectable()
export class PatientsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(context: AuditContext, input: CreatePatientDto, manager?: EntityManager): Promise<Patient> {
    const work = async (em: EntityManager) => {
      if (input.mrn && (await em.getRepository(Patient).existsBy({ mrn: input.mrn }))) {
        throw new DomainError('CONFLICT', 'a patient with this MRN already exists', [{ field: 'mrn', message: 'mrn is taken' }]);
      }
      const patient = await em.getRepository(Patient).save(
        em.getRepository(Patient).create({
          ...input,
          mrn: input.mrn ?? null,
          email: input.email ?? null,
          phone: input.phone ?? null,
          address: input.address ?? null,
        }),
      );
      await this.audit.record(em, context, {
        action: 'patient.create',
        targetType: 'patient',
        targetId: patient.id,
        patientId: patient.id,
      });
      return patient;
    };
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  async get(context: AuditContext, id: string): Promise<Patient> {
    return this.dataSource.transaction(async (manager) => {
      const patient = await manager.getRepository(Patient).findOneBy({ id });
      if (!patient) throw new DomainError('NOT_FOUND', 'no such patient');
      await this.audit.record(manager, context, { action: 'patient.read', targetType: 'patient', targetId: id, patientId: id });
      return patient;
    });
  }

  /** Prefix search on names, exact match on MRN; each patient returned is an audited read. */
  async search(context: AuditContext, q: string | undefined, limit: number): Promise<Patient[]> {
    return this.dataSource.transaction(async (manager) => {
      const query = manager
        .getRepository(Patient)
        .createQueryBuilder('p')
        .orderBy('p.family_name')
        .addOrderBy('p.given_name')
        .addOrderBy('p.id')
        .limit(Math.min(Math.max(limit, 1), 200));
      if (q) {
        const prefix = `${q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        query.where('(p.family_name ILIKE :prefix OR p.given_name ILIKE :prefix OR p.mrn = :mrn)', { prefix, mrn: q.trim() });
      }
      const patients = await query.getMany();
      await this.audit.recordMany(
        manager,
        context,
        patients.length
          ? patients.map((patient) => ({ action: 'patient.search', targetType: 'patient', targetId: patient.id, patientId: patient.id }))
          : [{ action: 'patient.search', targetType: 'patient', details: { count: 0 } }],
      );
      return patients;
    });
  }

  /** Restrictions, confidential-communication channels and opt-outs in force, for an EHR to honour. */
  async arrangements(context: AuditContext, id: string): Promise<RequestRecord[]> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await manager.getRepository(Patient).existsBy({ id }))) throw new DomainError('NOT_FOUND', 'no such patient');
      const rows = await manager
        .getRepository(RequestRecord)
        .createQueryBuilder('r')
        .where('r.patient_id = :id', { id })
        .andWhere('r.type IN (:...types)', { types: ARRANGEMENT_TYPES })
        .andWhere('r.status IN (:...states)', { states: IN_FORCE_STATES })
        .orderBy('r.received_at', 'ASC')
        .getMany();
      await this.audit.record(manager, context, {
        action: 'patient.arrangements.read',
        targetType: 'patient',
        targetId: id,
        patientId: id,
        details: { count: rows.length },
      });
      return rows;
    });
  }
}
