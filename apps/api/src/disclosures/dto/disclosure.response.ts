import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { accountingGaps, isAccountable, isDisclosureCategory } from '#domain';
import type { DisclosureRecord, RestrictionConflictNote } from '#persistence';

export class RestrictionConflictResponse {
  @ApiProperty({ format: 'uuid', description: 'The agreed restriction request.' }) requestId: string;
  @ApiProperty() reference: string;
  @ApiProperty({ example: '45 CFR 164.522(a)(1)(ii)' }) citation: string;
}

export class DisclosureRecipientResponse {
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) address: string | null;
  @ApiProperty({ type: String, nullable: true }) agency: string | null;
}

export class DisclosureResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) patientId: string;
  @ApiProperty({ format: 'date' }) disclosedOn: string;
  @ApiProperty({ type: DisclosureRecipientResponse }) recipient: DisclosureRecipientResponse;
  @ApiProperty() description: string;
  @ApiProperty() purpose: string;
  @ApiProperty() category: string;
  @ApiProperty({ description: 'Whether an accounting lists it (45 CFR 164.528(a)(1)).' }) accountable: boolean;
  @ApiProperty({
    type: String,
    isArray: true,
    description: 'Elements an accounting needs that this record lacks (164.528(b)(2)); correct them before providing one.',
  })
  missing: string[];
  @ApiProperty() madeBy: string;
  @ApiProperty() sourceSystem: string;
  @ApiProperty({ type: String, nullable: true }) sourceId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) supersedesId: string | null;
  @ApiProperty({ type: String, nullable: true }) correctionReason: string | null;
  @ApiProperty() voided: boolean;
  @ApiProperty({ type: RestrictionConflictResponse, isArray: true }) restrictionConflicts: RestrictionConflictNote[];
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The correction that replaced this record.' })
  correctedBy?: string | null;
  @ApiProperty() recordedBy: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;

  static from(row: DisclosureRecord, correctedBy?: string | null): DisclosureResponse {
    return {
      id: row.id,
      patientId: row.patientId,
      disclosedOn: row.disclosedOn,
      recipient: { name: row.recipientName, address: row.recipientAddress, agency: row.recipientAgency },
      description: row.description,
      purpose: row.purpose,
      category: row.category,
      accountable: isDisclosureCategory(row.category) && isAccountable(row.category),
      missing: accountingGaps(row),
      madeBy: row.madeBy,
      sourceSystem: row.sourceSystem,
      sourceId: row.sourceId,
      supersedesId: row.supersedesId,
      correctionReason: row.correctionReason,
      voided: row.voided,
      restrictionConflicts: row.restrictionConflicts,
      ...(correctedBy === undefined ? {} : { correctedBy }),
      recordedBy: row.recordedBy,
      recordedAt: new Date(row.recordedAt).toISOString(),
    };
  }
}

export class DisclosureListResponse {
  @ApiProperty({ type: DisclosureResponse, isArray: true }) items: DisclosureResponse[];
}

/** What POST /disclosures answers: enough to confirm, nothing the caller did not send. */
export class DisclosureReceipt {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'False when the source system and source id were already recorded: nothing was added.' })
  created: boolean;
  @ApiProperty({ type: String, isArray: true, description: 'Elements an accounting will need (164.528(b)(2)).' })
  missing: string[];
  @ApiProperty({ type: RestrictionConflictResponse, isArray: true, description: 'Agreed restrictions it appears to break.' })
  restrictionConflicts: RestrictionConflictNote[];

  static from(
    row: Pick<DisclosureRecord, 'id' | 'category' | 'recipientName' | 'description' | 'purpose' | 'disclosedOn' | 'restrictionConflicts'>,
    created: boolean,
  ): DisclosureReceipt {
    return { id: row.id, created, missing: accountingGaps(row), restrictionConflicts: row.restrictionConflicts };
  }
}

export class ImportRejection {
  @ApiProperty({ description: 'The line of the file (for CSV, the header is line 1).' }) line: number;
  @ApiProperty({ type: Object, isArray: true, example: [{ field: 'category', message: 'category must be one of …' }] })
  errors: { field: string; message: string }[];
}

export class DisclosureImportReport {
  @ApiProperty({ description: 'Lines recorded as new disclosures.' }) imported: number;
  @ApiProperty({ description: 'Lines whose source system and id were already recorded: nothing added.' }) duplicates: number;
  @ApiProperty({ description: 'Lines refused; nothing of them was recorded.' }) rejectedTotal: number;
  @ApiProperty({ type: ImportRejection, isArray: true, description: 'The first 1,000 refused lines, with why.' })
  rejected: ImportRejection[];
  @ApiProperty({ description: 'Recorded lines an accounting cannot list until corrected (an element missing).' }) incomplete: number;
  @ApiProperty({ description: 'Recorded lines that appear to break an agreed restriction; the privacy officers are notified.' })
  restrictionConflicts: number;
}
