import { Module, type OnModuleInit } from '@nestjs/common';
import { validateAllMachines } from '#domain';
import { RequestTypesController } from './request-types.controller.js';

/** Serves the catalogue, and refuses to start when a machine table is unsound. */
@Module({ controllers: [RequestTypesController] })
export class RequestTypesModule implements OnModuleInit {
  onModuleInit(): void {
    const problems = validateAllMachines();
    if (problems.length) throw new Error(`request type machines are unsound: ${problems.join('; ')}`);
  }
}
