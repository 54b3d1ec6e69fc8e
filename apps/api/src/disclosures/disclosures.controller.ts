import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UnsupportedMediaTypeException } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import type { AuditContext } from '#audit';
import { UuidParamPipe } from '../common/id-param.pipe.js';
import { Ctx } from '../common/request-context.decorator.js';
import { Roles } from '../common/roles.decorator.js';
import { importFormatOf } from './disclosure-lines.js';
import { DisclosureImportService } from './disclosure-import.service.js';
import { DisclosuresService } from './disclosures.service.js';
import { CorrectDisclosureDto, CreateDisclosureDto, DisclosureRangeDto } from './dto/create-disclosure.dto.js';
import { DisclosureImportReport, DisclosureListResponse, DisclosureReceipt, DisclosureResponse } from './dto/disclosure.response.js';

/**
 * The disclosure ledger (45 CFR 164.528). Other systems write through the
 * `integration` role, which may do nothing else; privacy officers record and
 * correct; auditors read.
 */
@ApiTags('disclosures')
@ApiBearerAuth()
@Controller()
export class DisclosuresController {
  constructor(
    private readonly disclosures: DisclosuresService,
    private readonly imports: DisclosureImportService,
  ) {}

  @Roles('privacy_officer', 'integration')
  @Post('disclosures')
  @ApiCreatedResponse({ type: DisclosureReceipt, description: '201 when recorded; 200 when the source id was already recorded.' })
  async create(
    @Ctx() context: AuditContext,
    @Body() body: CreateDisclosureDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DisclosureReceipt> {
    const { created, disclosure } = await this.disclosures.record(context, body);
    reply.status(created ? 201 : 200);
    return DisclosureReceipt.from(disclosure, created);
  }

  @Roles('privacy_officer', 'integration')
  @Post('disclosures/import')
  @HttpCode(200)
  @ApiConsumes('application/x-ndjson', 'text/csv')
  @ApiBody({
    description:
      'One disclosure a line: NDJSON objects shaped like POST /disclosures, or CSV with a header row (`recipient.name`, `recipient.address` for the nested fields). Every line needs a sourceId.',
    schema: { type: 'string' },
  })
  @ApiOkResponse({ type: DisclosureImportReport })
  async import(@Ctx() context: AuditContext, @Req() request: FastifyRequest): Promise<DisclosureImportReport> {
    const format = importFormatOf(request.headers['content-type']);
    if (!format) throw new UnsupportedMediaTypeException({ detail: 'Send application/x-ndjson or text/csv.' });
    return this.imports.import(context, request.body as Readable, format);
  }

  @Roles('privacy_officer')
  @Post('disclosures/:id/corrections')
  @ApiCreatedResponse({ type: DisclosureResponse, description: 'The new row; 409 when the disclosure was already corrected.' })
  async correct(
    @Ctx() context: AuditContext,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: CorrectDisclosureDto,
  ): Promise<DisclosureResponse> {
    return DisclosureResponse.from(await this.disclosures.correct(context, id, body), null);
  }

  @Roles('privacy_officer', 'auditor')
  @Get('disclosures/:id')
  @ApiOkResponse({ type: DisclosureResponse })
  async get(@Ctx() context: AuditContext, @Param('id', UuidParamPipe) id: string): Promise<DisclosureResponse> {
    const { disclosure, correctedBy } = await this.disclosures.get(context, id);
    return DisclosureResponse.from(disclosure, correctedBy);
  }

  @Roles('privacy_officer', 'auditor')
  @Get('patients/:id/disclosures')
  @ApiOkResponse({ type: DisclosureListResponse, description: 'The disclosures as they stand: corrections applied, voided ones left out.' })
  async listForPatient(
    @Ctx() context: AuditContext,
    @Param('id', UuidParamPipe) id: string,
    @Query() range: DisclosureRangeDto,
  ): Promise<DisclosureListResponse> {
    return { items: (await this.disclosures.listForPatient(context, id, range)).map((row) => DisclosureResponse.from(row)) };
  }
}
