import { Body, Controller, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiProperty, ApiPropertyOptional, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, Matches } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { DomainError, REQUEST_TYPES } from '#domain';
import { Public } from '../common/public.decorator.js';
import { auditContextOf } from '../common/request-context.decorator.js';
import { PortalRateLimit } from './portal-rate-limit.js';
import { PortalService } from './portal.service.js';

export class PublicRequestDto {
  @ApiProperty({ enum: REQUEST_TYPES }) @IsIn(REQUEST_TYPES) type: string;
  @ApiPropertyOptional({ enum: ['en', 'es'] }) @IsOptional() @IsIn(['en', 'es']) language?: 'en' | 'es';
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'givenName, familyName, dateOfBirth, email?, phone?, address? (not for notice_copy and complaint)',
  })
  @IsOptional()
  @IsObject()
  patient?: Record<string, unknown>;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'type (individual | personal_representative), name, relationship, authority { basis }, attestation: true',
  })
  @IsOptional()
  @IsObject()
  requester?: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The type’s intake fields (GET /api/v1/request-types: detailsSchema).',
  })
  @IsObject()
  details: Record<string, unknown>;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'For an access copy sent to a third party: { attestation: true } is the patient’s signed direction.',
  })
  @IsOptional()
  @IsObject()
  directive?: { attestation?: boolean };

  @ApiPropertyOptional({ description: 'Send the same key again and the same request is returned (with a new status token).' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{16,64}$/)
  idempotencyKey?: string;
}

export class PublicRequestResponse {
  @ApiProperty({ example: 'PR-2026-000123' }) reference: string;
  @ApiProperty({ description: 'The secret for GET /portal/status; shown once, stored only as a hash.' }) statusToken: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
}

/** The patient intake as JSON, for other front ends: the same rules as the portal form. */
@ApiTags('public')
@Public()
@Controller('public/requests')
export class PublicRequestsController {
  constructor(
    private readonly portal: PortalService,
    private readonly limits: PortalRateLimit,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: PublicRequestResponse })
  @ApiTooManyRequestsResponse({ description: 'Too many filings from this address in an hour.' })
  async file(@Req() request: FastifyRequest, @Body() body: PublicRequestDto): Promise<PublicRequestResponse> {
    const limit = await this.limits.hit('filings', request.ip ?? 'unknown', 20, 3600);
    if (limit.over)
      throw new DomainError('TOO_MANY_ATTEMPTS', 'too many requests from this address; try again later', [], limit.retryAfter);
    const filed = await this.portal.file({ ...auditContextOf(request), actor: 'patient:public-api' }, body, body.idempotencyKey);
    return { reference: filed.reference, statusToken: filed.statusToken, dueAt: filed.dueAt.toISOString() };
  }
}
