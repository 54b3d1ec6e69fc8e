/** Who is acting, and from where: the first argument of every audited service method. */
export interface AuditContext {
  /** `user:<uuid>`, `patient:<request reference>`, `system:<job>` or `anonymous`. */
  actor: string;
  clientAddress?: string | null;
  requestId?: string | null;
}

export const systemContext = (job: string): AuditContext => ({ actor: `system:${job}` });
export const userActor = (userId: string): string => `user:${userId}`;
