import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuditContext } from '#audit';
import { UuidParamPipe } from '../common/id-param.pipe.js';
import { Ctx } from '../common/request-context.decorator.js';
import { Roles } from '../common/roles.decorator.js';
import { AccountingService } from './accounting.service.js';
import { AccountingQueryDto, CreateSuspensionDto, SuspensionQueryDto, WrittenStatementDto } from './dto/accounting.dto.js';
import { AccountingResponse, SuspensionListResponse, SuspensionResponse } from './dto/accounting.response.js';

/** Accounting of disclosures (45 CFR 164.528): the preview, and the suspensions it honours. */
@ApiTags('accounting')
@ApiBearerAuth()
@Controller()
export class AccountingController {
  constructor(private readonly accounting: AccountingService) {}

  @Roles('privacy_officer', 'auditor')
  @Get('patients/:id/accounting')
  @ApiOkResponse({ type: AccountingResponse, description: 'The accounting a request made on asOf would list, as JSON.' })
  async preview(
    @Ctx() context: AuditContext,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: AccountingQueryDto,
  ): Promise<AccountingResponse> {
    const asOf = query.asOf ?? this.accounting.today();
    return AccountingResponse.from(id, asOf, await this.accounting.preview(context, id, asOf));
  }

  @Roles('privacy_officer')
  @Post('accounting-suspensions')
  @ApiCreatedResponse({ type: SuspensionResponse })
  async createSuspension(@Ctx() context: AuditContext, @Body() body: CreateSuspensionDto): Promise<SuspensionResponse> {
    return SuspensionResponse.from(await this.accounting.createSuspension(context, body), this.accounting.today());
  }

  @Roles('privacy_officer', 'auditor')
  @Get('accounting-suspensions')
  @ApiOkResponse({ type: SuspensionListResponse })
  async listSuspensions(@Ctx() context: AuditContext, @Query() query: SuspensionQueryDto): Promise<SuspensionListResponse> {
    const today = this.accounting.today();
    return { items: (await this.accounting.listSuspensions(context, query.patientId)).map((row) => SuspensionResponse.from(row, today)) };
  }

  @Roles('privacy_officer')
  @Post('accounting-suspensions/:id/written-statement')
  @ApiCreatedResponse({ type: SuspensionResponse, description: 'An oral statement confirmed in writing.' })
  async confirmInWriting(
    @Ctx() context: AuditContext,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: WrittenStatementDto,
  ): Promise<SuspensionResponse> {
    return SuspensionResponse.from(await this.accounting.confirmInWriting(context, id, body), this.accounting.today());
  }
}
