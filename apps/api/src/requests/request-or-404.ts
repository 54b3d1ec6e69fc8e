import type { EntityManager } from 'typeorm';
import { DomainError } from '#domain';
import { RequestRecord } from '#persistence';

/** The request, or the 404 every request-scoped endpoint answers for an unknown id. */
export async function requestOr404(manager: EntityManager, id: string): Promise<RequestRecord> {
  const request = await manager.getRepository(RequestRecord).findOneBy({ id });
  if (!request) throw new DomainError('NOT_FOUND', 'no such request');
  return request;
}
