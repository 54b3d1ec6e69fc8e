import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Patient } from '#persistence';
import { AddressDto } from './create-patient.dto.js';

export class PatientResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() givenName: string;
  @ApiProperty() familyName: string;
  @ApiProperty({ format: 'date' }) dateOfBirth: string;
  @ApiProperty({ type: String, nullable: true }) mrn: string | null;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiPropertyOptional({ type: AddressDto, nullable: true }) address: AddressDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from(patient: Patient): PatientResponse {
    return {
      id: patient.id,
      givenName: patient.givenName,
      familyName: patient.familyName,
      dateOfBirth: patient.dateOfBirth,
      mrn: patient.mrn,
      email: patient.email,
      phone: patient.phone,
      address: patient.address,
      createdAt: patient.createdAt.toISOString(),
      updatedAt: patient.updatedAt.toISOString(),
    };
  }
}

export class PatientListResponse {
  @ApiProperty({ type: PatientResponse, isArray: true }) items: PatientResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Search returns at most `limit` matches; refine the query for more.' })
  nextCursor: string | null;
}

/** What an EHR must honour for this patient: agreed restrictions, confidential channels, opt-outs in force. */
export class ArrangementResponse {
  @ApiProperty({ format: 'uuid' }) requestId: string;
  @ApiProperty() reference: string;
  @ApiProperty({ enum: ['restriction', 'confidential_communication', 'communication_opt_out'] }) type: string;
  @ApiProperty() status: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) effectiveOn: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) terms: Record<string, unknown>;
}

export class PatientArrangementsResponse {
  @ApiProperty({ type: ArrangementResponse, isArray: true }) restrictions: ArrangementResponse[];
  @ApiProperty({ type: ArrangementResponse, isArray: true }) confidentialCommunications: ArrangementResponse[];
  @ApiProperty({ type: ArrangementResponse, isArray: true }) optOuts: ArrangementResponse[];
}
