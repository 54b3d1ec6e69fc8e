import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AuditContext } from '#audit';
import { AppConfig } from '#config';
import { DomainError, intakeProblems, isRequestType, type RequestType } from '#domain';
import { RequestRecord } from '#persistence';
import { flattenValidationErrors } from '../common/validation.pipe.js';
import { CreateRequestDto } from '../requests/dto/create-request.dto.js';
import { RequestsService } from '../requests/requests.service.js';
import { NO_PATIENT_TYPES } from './portal-form.js';

export interface Filed {
  id: string;
  reference: string;
  /** The secret for the status page: shown once, stored only as a hash. */
  statusToken: string;
  dueOn: string;
  dueAt: Date;
  deadlineKind: 'legal' | 'policy';
}

/** What a patient sends: the same shape from the form (after nesting) and from the JSON API. */
export interface PatientSubmission {
  type: string;
  language?: string;
  patient?: Record<string, unknown>;
  requester?: Record<string, unknown>;
  details?: Record<string, unknown>;
  /** For a copy sent to a third party: the patient signs the direction (164.524(c)(3)(ii)). */
  directive?: { attestation?: boolean };
}

/** What a patient may say about who is asking (the portal form's requester fields). */
const REQUESTER_FIELDS = ['type', 'name', 'relationship', 'authority', 'attestation'];
const REQUESTER_TYPES = ['individual', 'personal_representative', 'other'];

function unknownFields(record: object | undefined, allowed: readonly string[], prefix: string): { field: string; message: string }[] {
  return Object.keys(record ?? {})
    .filter((key) => !allowed.includes(key))
    .map((key) => ({ field: `${prefix}.${key}`, message: `property ${key} should not exist` }));
}

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Patients filing and following their requests. Intake goes through the same
 * DTO validation and domain rules as staff intake; the status token is
 * random (256 bits), shown once, stored hashed and compared in constant time.
 */
@Injectable()
export class PortalService {
  /** Derived from the JWT secret; used only to derive status tokens from idempotency keys. */
  private readonly tokenKey: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly requests: RequestsService,
    config: AppConfig,
  ) {
    this.tokenKey = createHash('sha256').update(`status-tokens:${config.jwt.secret}`).digest();
  }

  /** The staff-intake DTO a patient submission becomes, or field errors. */
  async toIntake(submission: PatientSubmission): Promise<CreateRequestDto> {
    const type = submission.type;
    if (!isRequestType(type))
      throw new DomainError('INVALID_INPUT', 'unknown request type', [{ field: 'type', message: 'type is not a right we handle' }]);
    const requester = submission.requester ?? {};
    const body: Record<string, unknown> = {
      type,
      channel: 'portal',
      language: submission.language ?? 'en',
      details: submission.details ?? {},
    };
    const errors: { field: string; message: string }[] = [];
    if (NO_PATIENT_TYPES.includes(type as RequestType)) {
      const address = (submission.patient as { address?: unknown } | undefined)?.address;
      body.requester = { type: 'other', name: requester.name, ...(address ? { address } : {}) };
    } else {
      // Always a patient object, so a blank form names the patient's own fields, not internal ones.
      body.patient = submission.patient ?? {};
      if (requester.type === 'personal_representative') {
        if (requester.attestation !== true)
          errors.push({ field: 'requester.attestation', message: 'confirm that you have the legal authority to act for the patient' });
        body.requester = {
          type: 'personal_representative',
          name: requester.name,
          relationship: requester.relationship,
          authority: requester.authority ?? {},
        };
      }
    }
    if (
      type === 'access' &&
      (submission.details as { recipient?: string } | undefined)?.recipient === 'third_party_directive' &&
      submission.directive?.attestation !== true
    ) {
      errors.push({ field: 'directive.attestation', message: 'sign the direction to send your records to someone else' });
    }
    // Fields the rules below read one by one: anything else sent in these objects is refused, never silently dropped.
    errors.push(
      ...unknownFields(submission.requester, REQUESTER_FIELDS, 'requester'),
      ...unknownFields(submission.directive, ['attestation'], 'directive'),
    );
    if (requester.type !== undefined && !REQUESTER_TYPES.includes(requester.type as string))
      errors.push({ field: 'requester.type', message: 'requester.type must be individual or personal_representative' });
    const dto = plainToInstance(CreateRequestDto, body);
    const problems = flattenValidationErrors(await validate(dto, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true }));
    errors.push(...problems);
    // The intake rules of the type too, so the patient sees every problem at once.
    errors.push(
      ...intakeProblems(type as RequestType, body.details).filter((problem) => !errors.some((error) => error.field === problem.field)),
    );
    if (errors.length) throw new DomainError('INVALID_INPUT', 'the request is not complete', errors);
    return dto;
  }

  /**
   * Files a request. The status token is random, or, when the submission
   * carries an idempotency key, derived from it with the server's secret: a
   * second submission with the same key finds the first request and shows the
   * same working link, without the token ever being stored.
   */
  async file(context: AuditContext, submission: PatientSubmission, idempotencyKey?: string): Promise<Filed> {
    const dto = await this.toIntake(submission);
    const statusToken = idempotencyKey
      ? createHmac('sha256', this.tokenKey).update(`status-token:${idempotencyKey}`).digest('base64url')
      : randomBytes(32).toString('base64url');
    if (idempotencyKey) {
      const existing = await this.byIdempotencyKey(idempotencyKey);
      if (existing) return { ...existing, statusToken };
    }
    try {
      const view = await this.requests.create(context, dto, { statusTokenHash: hashToken(statusToken), idempotencyKey });
      const request = view.request;
      return {
        id: request.id,
        reference: request.reference,
        statusToken,
        dueOn: request.dueOn,
        dueAt: request.dueAt,
        deadlineKind: request.deadlineKind as 'legal' | 'policy',
      };
    } catch (error) {
      // Two submissions raced: the other one was filed; answer with it.
      if ((error as { constraint?: string }).constraint === 'uq_requests_idempotency_key' && idempotencyKey) {
        const existing = await this.byIdempotencyKey(idempotencyKey);
        if (existing) return { ...existing, statusToken };
      }
      throw error;
    }
  }

  private async byIdempotencyKey(idempotencyKey: string): Promise<Omit<Filed, 'statusToken'> | null> {
    const row = await this.dataSource.getRepository(RequestRecord).findOneBy({ idempotencyKey });
    return row
      ? { id: row.id, reference: row.reference, dueOn: row.dueOn, dueAt: row.dueAt, deadlineKind: row.deadlineKind as 'legal' | 'policy' }
      : null;
  }

  /** The request a reference and token open, or null: the same null for an unknown reference and a wrong token. */
  async open(reference: string, token: string): Promise<RequestRecord | null> {
    if (!/^PR-\d{4}-\d{6,}$/.test(reference) || !/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
    const row = await this.dataSource
      .getRepository(RequestRecord)
      .createQueryBuilder('r')
      .addSelect('r.statusTokenHash')
      .where('r.reference = :reference', { reference })
      .getOne();
    // Compare even when the reference is unknown, so both cases take the same time.
    const expected = Buffer.from(row?.statusTokenHash ?? '0'.repeat(64), 'hex');
    const given = Buffer.from(hashToken(token), 'hex');
    const matches = timingSafeEqual(expected, given);
    return row && row.statusTokenHash && matches ? row : null;
  }
}
