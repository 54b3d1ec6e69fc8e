import { ApiProperty } from '@nestjs/swagger';
import { suspensionInForce, type AccountingResult } from '#domain';
import type { AccountingSuspension } from '#persistence';

export class AccountingPeriodResponse {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
}

export class AccountingSummaryResponse {
  @ApiProperty() count: number;
  @ApiProperty({ format: 'date' }) firstOn: string;
  @ApiProperty({ format: 'date' }) lastOn: string;
}

export class AccountingEntryResponse {
  @ApiProperty({ format: 'date', description: 'The disclosure’s date; for a summary, the first in the period.' }) disclosedOn: string;
  @ApiProperty() recipientName: string;
  @ApiProperty({ type: String, nullable: true }) recipientAddress: string | null;
  @ApiProperty() description: string;
  @ApiProperty() purpose: string;
  @ApiProperty({
    type: AccountingSummaryResponse,
    nullable: true,
    description: 'Repeated disclosures to one recipient for one purpose, listed once (164.528(b)(3)).',
  })
  summary: AccountingSummaryResponse | null;
  @ApiProperty({ type: String, isArray: true, description: 'The ledger rows behind the entry.' }) disclosureIds: string[];
}

export class AccountingProblemResponse {
  @ApiProperty({ format: 'uuid' }) disclosureId: string;
  @ApiProperty({ type: String, isArray: true, example: ['purpose'] }) missing: string[];
}

export class AccountingResponse {
  @ApiProperty({ format: 'uuid' }) patientId: string;
  @ApiProperty({ format: 'date', description: 'The request date it is computed for.' }) asOf: string;
  @ApiProperty({ type: AccountingPeriodResponse, description: 'Six years back, through asOf (164.528(a)(1)).' })
  period: AccountingPeriodResponse;
  @ApiProperty({ type: AccountingEntryResponse, isArray: true }) entries: AccountingEntryResponse[];
  @ApiProperty({ description: 'Disclosures held back under a suspension in force on asOf (164.528(a)(2)).' })
  withheldForSuspension: number;
  @ApiProperty({ type: AccountingProblemResponse, isArray: true, description: 'What to correct before an accounting can be provided.' })
  problems: AccountingProblemResponse[];
  @ApiProperty({ description: 'True when there is nothing to correct.' }) ready: boolean;

  static from(patientId: string, asOf: string, result: AccountingResult): AccountingResponse {
    return {
      patientId,
      asOf,
      period: result.period,
      entries: result.entries.map((entry) => ({ ...entry, summary: entry.summary ?? null })),
      withheldForSuspension: result.withheldForSuspension,
      problems: result.problems,
      ready: result.problems.length === 0,
    };
  }
}

export class SuspensionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) patientId: string | null;
  @ApiProperty() agency: string;
  @ApiProperty({ enum: ['written', 'oral'] }) statement: 'written' | 'oral';
  @ApiProperty({ format: 'date' }) startsAt: string;
  @ApiProperty({ format: 'date' }) endsAt: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) writtenConfirmedOn: string | null;
  @ApiProperty() reason: string;
  @ApiProperty({ description: 'Whether it holds back disclosures today (an oral one lapses after 30 days unless confirmed in writing).' })
  inForce: boolean;
  @ApiProperty() recordedBy: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;

  static from(row: AccountingSuspension, today: string): SuspensionResponse {
    return {
      id: row.id,
      patientId: row.patientId,
      agency: row.agency,
      statement: row.statement,
      startsAt: row.startsOn,
      endsAt: row.endsOn,
      writtenConfirmedOn: row.writtenConfirmedOn,
      reason: row.reason,
      inForce: suspensionInForce(
        {
          agency: row.agency,
          statement: row.statement,
          statedOn: row.startsOn,
          suspendUntil: row.endsOn,
          writtenConfirmedOn: row.writtenConfirmedOn,
        },
        today,
      ),
      recordedBy: row.recordedBy,
      recordedAt: row.recordedAt.toISOString(),
    };
  }
}

export class SuspensionListResponse {
  @ApiProperty({ type: SuspensionResponse, isArray: true }) items: SuspensionResponse[];
}
