import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuditContext } from '#audit';
import { UuidParamPipe } from '../common/id-param.pipe.js';
import { Ctx } from '../common/request-context.decorator.js';
import { Roles } from '../common/roles.decorator.js';
import { CreatePatientDto, PatientSearchDto } from './dto/create-patient.dto.js';
import { PatientArrangementsResponse, PatientListResponse, PatientResponse } from './dto/patient.response.js';
import { PatientsService } from './patients.service.js';
import { toArrangement } from './to-arrangement.js';

/** Patients whose rights requests the clinic tracks. */
@ApiTags('patients')
@ApiBearerAuth()
@Controller('patients')
export class PatientsController {
  constructor(private readonly patients: PatientsService) {}

  @Roles('privacy_officer')
  @Post()
  @ApiCreatedResponse({ type: PatientResponse })
  async create(@Ctx() context: AuditContext, @Body() body: CreatePatientDto): Promise<PatientResponse> {
    return PatientResponse.from(await this.patients.create(context, body));
  }

  @Roles('privacy_officer', 'auditor')
  @Get()
  @ApiOkResponse({ type: PatientListResponse })
  async search(@Ctx() context: AuditContext, @Query() query: PatientSearchDto): Promise<PatientListResponse> {
    return { items: (await this.patients.search(context, query.q, query.limit)).map(PatientResponse.from), nextCursor: null };
  }

  @Roles('privacy_officer', 'auditor')
  @Get(':id')
  @ApiOkResponse({ type: PatientResponse })
  async get(@Ctx() context: AuditContext, @Param('id', UuidParamPipe) id: string): Promise<PatientResponse> {
    return PatientResponse.from(await this.patients.get(context, id));
  }

  @Roles('privacy_officer', 'auditor')
  @Get(':id/restrictions')
  @ApiOkResponse({ type: PatientArrangementsResponse })
  async restrictions(@Ctx() context: AuditContext, @Param('id', UuidParamPipe) id: string): Promise<PatientArrangementsResponse> {
    const rows = (await this.patients.arrangements(context, id)).map(toArrangement);
    return {
      restrictions: rows.filter((row) => row.type === 'restriction'),
      confidentialCommunications: rows.filter((row) => row.type === 'confidential_communication'),
      optOuts: rows.filter((row) => row.type === 'communication_opt_out'),
    };
  }
}
