import { Module } from '@nestjs/common';
import { AuditModule } from '#audit';
import { clockProvider } from '../requests/clock.provider.js';
import { AccountingController } from './accounting.controller.js';
import { AccountingLedger } from './accounting-ledger.js';
import { AccountingService } from './accounting.service.js';

@Module({
  imports: [AuditModule],
  controllers: [AccountingController],
  providers: [clockProvider, AccountingLedger, AccountingService],
  exports: [AccountingLedger],
})
export class AccountingModule {}
