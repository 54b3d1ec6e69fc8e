import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AccountingSuspension } from '../entities/accounting-suspension.entity.js';
import type { DisclosureRecord } from '../entities/disclosure.entity.js';

/** A disclosure to write: every column but the generated ones. */
export type NewDisclosure = Omit<DisclosureRecord, 'id' | 'recordedAt' | 'patient' | 'supersedes'>;

/** An agreed restriction in force, with the terms the conflict rule reads. */
export interface RestrictionRow {
  requestId: string;
  reference: string;
  patientId: string;
  details: Record<string, unknown>;
  decision: Record<string, unknown>;
}

const COLUMNS = [
  'id',
  'patient_id',
  'disclosed_on',
  'recipient_name',
  'recipient_address',
  'recipient_agency',
  'description',
  'purpose',
  'category',
  'made_by',
  'source_system',
  'source_id',
  'supersedes_id',
  'correction_reason',
  'voided',
  'restriction_conflicts',
  'recorded_by',
] as const;

/** The SQL type of each column, to read the rows back out of JSON. */
const COLUMN_TYPES: Record<(typeof COLUMNS)[number], string> = {
  id: 'uuid',
  patient_id: 'uuid',
  disclosed_on: 'date',
  recipient_name: 'text',
  recipient_address: 'text',
  recipient_agency: 'text',
  description: 'text',
  purpose: 'text',
  category: 'text',
  made_by: 'text',
  source_system: 'text',
  source_id: 'text',
  supersedes_id: 'uuid',
  correction_reason: 'text',
  voided: 'boolean',
  restriction_conflicts: 'jsonb',
  recorded_by: 'text',
};

/** The columns read back as the entity's properties; `d` is the table's alias. */
const SELECT = `d.id, d.patient_id AS "patientId", to_char(d.disclosed_on, 'YYYY-MM-DD') AS "disclosedOn",
  d.recipient_name AS "recipientName", d.recipient_address AS "recipientAddress", d.recipient_agency AS "recipientAgency",
  d.description, d.purpose, d.category, d.made_by AS "madeBy", d.source_system AS "sourceSystem", d.source_id AS "sourceId",
  d.supersedes_id AS "supersedesId", d.correction_reason AS "correctionReason", d.voided,
  d.restriction_conflicts AS "restrictionConflicts", d.recorded_by AS "recordedBy", d.recorded_at AS "recordedAt"`;

/**
 * The disclosure ledger in plain SQL: an import writes thousands of rows a
 * second, and "current" (not superseded, not voided) is one anti-join.
 */
@Injectable()
export class DisclosuresRepository {
  /**
   * Inserts the rows in one statement; a row that repeats a source system and source id is
   * skipped (it is the same disclosure). Returns the id of each row, or null where it was skipped.
   * The rows travel as one JSON parameter: JSON.stringify is native, where a placeholder per value
   * (or pg's array literals) cost more CPU than the insert itself on a large import.
   */
  async insertMany(manager: EntityManager, rows: readonly NewDisclosure[]): Promise<(string | null)[]> {
    if (rows.length === 0) return [];
    // Ids are made here, so that RETURNING says exactly which rows went in.
    const ids = rows.map(() => randomUUID());
    const records = rows.map((row, index) => ({
      id: ids[index],
      patient_id: row.patientId,
      disclosed_on: row.disclosedOn,
      recipient_name: row.recipientName,
      recipient_address: row.recipientAddress,
      recipient_agency: row.recipientAgency,
      description: row.description,
      purpose: row.purpose,
      category: row.category,
      made_by: row.madeBy,
      source_system: row.sourceSystem,
      source_id: row.sourceId,
      supersedes_id: row.supersedesId,
      correction_reason: row.correctionReason,
      voided: row.voided,
      restriction_conflicts: row.restrictionConflicts,
      recorded_by: row.recordedBy,
    }));
    const inserted = (await manager.query(
      `INSERT INTO disclosures (${COLUMNS.join(', ')})
       SELECT ${COLUMNS.join(', ')} FROM jsonb_to_recordset($1::jsonb)
         AS input (${COLUMNS.map((column) => `${column} ${COLUMN_TYPES[column]}`).join(', ')})
       ON CONFLICT (source_system, source_id) DO NOTHING RETURNING id`,
      [JSON.stringify(records)],
    )) as { id: string }[];
    const written = new Set(inserted.map((row) => row.id));
    return ids.map((id) => (written.has(id) ? id : null));
  }

  async findById(manager: EntityManager, id: string): Promise<DisclosureRecord | null> {
    const rows = (await manager.query(`SELECT ${SELECT} FROM disclosures d WHERE d.id = $1`, [id])) as DisclosureRecord[];
    return rows[0] ?? null;
  }

  /** The disclosure a source system reported under its own id. */
  async idBySource(manager: EntityManager, sourceSystem: string, sourceId: string): Promise<string | null> {
    const rows = (await manager.query(`SELECT id FROM disclosures WHERE source_system = $1 AND source_id = $2`, [
      sourceSystem,
      sourceId,
    ])) as {
      id: string;
    }[];
    return rows[0]?.id ?? null;
  }

  /** The row that supersedes `id`, if any. */
  async correctionOf(manager: EntityManager, id: string): Promise<string | null> {
    const rows = (await manager.query(`SELECT id FROM disclosures WHERE supersedes_id = $1`, [id])) as { id: string }[];
    return rows[0]?.id ?? null;
  }

  /**
   * The patient's disclosures as they stand: corrections replace what they supersede, voided
   * ones are gone. Optionally only those dated within [from, to] (ISO dates, included).
   */
  async current(manager: EntityManager, patientId: string, range: { from?: string; to?: string } = {}): Promise<DisclosureRecord[]> {
    const values: unknown[] = [patientId];
    const where = ['d.patient_id = $1', 'NOT d.voided', 'NOT EXISTS (SELECT 1 FROM disclosures c WHERE c.supersedes_id = d.id)'];
    if (range.from) where.push(`d.disclosed_on >= $${values.push(range.from)}`);
    if (range.to) where.push(`d.disclosed_on <= $${values.push(range.to)}`);
    return (await manager.query(
      `SELECT ${SELECT} FROM disclosures d WHERE ${where.join(' AND ')}
       ORDER BY d.disclosed_on, d.recorded_at, d.id`,
      values,
    )) as DisclosureRecord[];
  }

  /** Suspensions that concern this patient: their own, and those for every patient. */
  async suspensionsFor(manager: EntityManager, patientId: string): Promise<AccountingSuspension[]> {
    return manager
      .getRepository(AccountingSuspension)
      .createQueryBuilder('s')
      .where('(s.patient_id = :patientId OR s.patient_id IS NULL)', { patientId })
      .orderBy('s.starts_on')
      .addOrderBy('s.id')
      .getMany();
  }

  /** Agreed restrictions in force for these patients (the restriction machine's in-force state). */
  async restrictionsInForce(manager: EntityManager, patientIds: readonly string[]): Promise<RestrictionRow[]> {
    if (patientIds.length === 0) return [];
    return (await manager.query(
      `SELECT id AS "requestId", reference, patient_id AS "patientId", details, decision
         FROM requests WHERE type = 'restriction' AND status = 'agreed' AND patient_id = ANY($1::uuid[])`,
      [[...new Set(patientIds)]],
    )) as RestrictionRow[];
  }
}
