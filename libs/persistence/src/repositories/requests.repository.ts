import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { RequestRecord } from '../entities/request.entity.js';
import type { ParameterisedInsert } from '../parameterised-insert.js';

export interface RequestFilter {
  type?: string;
  status?: string;
  open?: boolean;
  assigneeId?: string;
  patientId?: string;
  overdue?: boolean;
  /** Due on or before this date (ISO). */
  dueBefore?: string;
  /** A reference (PR-2026-…) or part of the patient's name. */
  q?: string;
  /** Only requests under review by this reviewer. */
  reviewerId?: string;
  limit: number;
  cursor?: ListCursor;
}

/** Position in the list: open requests by due date first, then closed ones, newest first. */
export type ListCursor = { phase: 'open'; dueAt: string; id: string } | { phase: 'closed'; closedAt: string; id: string };

/** The columns a list shows: no details, decision or requester (they halve list throughput). */
const LIST_COLUMNS = [
  'r.id',
  'r.reference',
  'r.type',
  'r.status',
  'r.open',
  'r.patientId',
  'r.channel',
  'r.receivedAt',
  'r.receivedOn',
  'r.dueOn',
  'r.dueAt',
  'r.originalDueOn',
  'r.originalDueAt',
  'r.extended',
  'r.assigneeId',
  'r.version',
  'r.closedAt',
  'r.createdAt',
  'r.updatedAt',
];

/**
 * Queries of the requests table. The default list reads open requests from
 * the partial index ix_requests_open_due, in due-date order, then closed ones.
 */
@Injectable()
export class RequestsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(filter: RequestFilter): Promise<{ items: RequestRecord[]; nextCursor: ListCursor | null }> {
    const items: RequestRecord[] = [];
    let cursor = filter.cursor;
    const wantOpen = filter.open !== false;
    if (wantOpen && (!cursor || cursor.phase === 'open')) {
      const open = await this.page(filter, 'open', cursor, filter.limit + 1);
      items.push(...open);
      if (open.length > filter.limit) return this.finish(items, filter.limit);
      cursor = undefined;
    }
    const wantClosed = filter.open !== true && !filter.overdue;
    if (wantClosed && items.length < filter.limit + 1) {
      const closed = await this.page(filter, 'closed', cursor?.phase === 'closed' ? cursor : undefined, filter.limit + 1 - items.length);
      items.push(...closed);
    }
    return this.finish(items, filter.limit);
  }

  private finish(items: RequestRecord[], limit: number): { items: RequestRecord[]; nextCursor: ListCursor | null } {
    if (items.length <= limit) return { items, nextCursor: null };
    const page = items.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor: ListCursor = last.open
      ? { phase: 'open', dueAt: last.dueAt.toISOString(), id: last.id }
      : { phase: 'closed', closedAt: (last.closedAt ?? last.updatedAt).toISOString(), id: last.id };
    return { items: page, nextCursor };
  }

  /** The SQL of one phase; public so a test can EXPLAIN it. */
  query(filter: RequestFilter, phase: 'open' | 'closed', cursor: ListCursor | undefined, limit: number) {
    const query = this.dataSource.getRepository(RequestRecord).createQueryBuilder('r').select(LIST_COLUMNS).limit(limit);
    if (phase === 'open') {
      query.where('r.open').orderBy('r.due_at', 'ASC').addOrderBy('r.id', 'ASC');
      if (cursor?.phase === 'open') query.andWhere('(r.due_at, r.id) > (:dueAt, :id)', { dueAt: cursor.dueAt, id: cursor.id });
      if (filter.overdue) query.andWhere('r.due_at < now()');
    } else {
      query.where('NOT r.open').orderBy('r.closed_at', 'DESC').addOrderBy('r.id', 'DESC');
      if (cursor?.phase === 'closed')
        query.andWhere('(r.closed_at, r.id) < (:closedAt, :id)', { closedAt: cursor.closedAt, id: cursor.id });
    }
    if (filter.type) query.andWhere('r.type = :type', { type: filter.type });
    if (filter.status) query.andWhere('r.status = :status', { status: filter.status });
    if (filter.assigneeId) query.andWhere('r.assignee_id = :assigneeId', { assigneeId: filter.assigneeId });
    if (filter.patientId) query.andWhere('r.patient_id = :patientId', { patientId: filter.patientId });
    if (filter.dueBefore) query.andWhere('r.due_on <= :dueBefore', { dueBefore: filter.dueBefore });
    if (filter.reviewerId) query.andWhere(`r.decision->>'reviewerId' = :reviewerId`, { reviewerId: filter.reviewerId });
    if (filter.q) {
      const q = filter.q.trim();
      if (/^PR-\d{4}-\d+$/i.test(q)) query.andWhere('r.reference = :reference', { reference: q.toUpperCase() });
      else
        query.andWhere(
          `r.patient_id IN (SELECT p.id FROM patients p WHERE p.family_name ILIKE :name OR p.given_name ILIKE :name OR p.mrn = :mrn)`,
          { name: `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, mrn: q },
        );
    }
    return query;
  }

  private page(filter: RequestFilter, phase: 'open' | 'closed', cursor: ListCursor | undefined, limit: number): Promise<RequestRecord[]> {
    return this.query(filter, phase, cursor, limit).getMany();
  }

  async findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<RequestRecord | null> {
    return manager.getRepository(RequestRecord).findOneBy({ id });
  }

  /**
   * The INSERT of a new request, for a caller that writes it together with its timeline, audit and
   * outbox rows in one statement: the row as one JSON parameter, typed by the table itself
   * (jsonb_populate_record), the same shape as the audit and outbox inserts. Cheaper than TypeORM's
   * insert builder, which intake's profile showed building the statement anew on every call.
   */
  insertStatement(manager: EntityManager, record: RequestRecord): ParameterisedInsert {
    const values = record as unknown as Record<string, unknown>;
    const columns = manager.connection.getMetadata(RequestRecord).columns.filter((column) => values[column.propertyName] !== undefined);
    const names = columns.map((column) => `"${column.databaseName}"`).join(', ');
    return {
      sql: (parameter, onlyIf) =>
        `INSERT INTO requests (${names}) SELECT ${names} FROM jsonb_populate_record(NULL::requests, ${parameter}::jsonb)${onlyIf ? ` WHERE ${onlyIf}` : ''} RETURNING id`,
      value: JSON.stringify(Object.fromEntries(columns.map((column) => [column.databaseName, values[column.propertyName]]))),
    };
  }
}

/** A SELECT-list item taking the next reference number, for a query that reads other things too. */
export const NEXT_REFERENCE_NUMBER = `nextval('request_reference_seq')::text AS reference_number`;

/** The human-friendly reference, e.g. PR-2026-000123 (year of receipt). */
export function referenceFor(receivedOn: string, referenceNumber: string): string {
  return `PR-${receivedOn.slice(0, 4)}-${referenceNumber.padStart(6, '0')}`;
}
