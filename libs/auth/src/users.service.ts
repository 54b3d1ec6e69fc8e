import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, type AuditContext } from '#audit';
import { DomainError, decodeCursor, encodeCursor } from '#domain';
import { User, type ProfessionalLicence } from '#persistence';
import { passwordProblems } from './password-policy.js';
import { hashPassword } from './passwords.js';
import type { Role } from './roles.js';

export interface NewUser {
  email: string;
  name: string;
  roles: Role[];
  password: string;
  licence?: ProfessionalLicence | null;
}

export interface UserChanges {
  name?: string;
  roles?: Role[];
  active?: boolean;
  licence?: ProfessionalLicence | null;
  password?: string;
}

export interface UserPage {
  items: User[];
  nextCursor: string | null;
}

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/**
 * Staff users: creation, changes and lookups. Every write is one transaction
 * with its audit event. A change that narrows what a user may do bumps the
 * token version, so the user's existing tokens stop working at once.
 */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(context: AuditContext, input: NewUser): Promise<User> {
    const email = normaliseEmail(input.email);
    checkPassword(input.password, { email, name: input.name });
    checkRoles(input.roles, input.licence ?? null);
    const passwordHash = await hashPassword(input.password);
    return this.dataSource.transaction(async (manager) => {
      const existing = await manager.getRepository(User).existsBy({ email });
      if (existing)
        throw new DomainError('EMAIL_TAKEN', 'a user with this email already exists', [{ field: 'email', message: 'email is taken' }]);
      const user = await manager.getRepository(User).save(
        manager.getRepository(User).create({
          email,
          name: input.name.trim(),
          roles: [...new Set(input.roles)],
          licence: input.licence ?? null,
          passwordHash,
          active: true,
        }),
      );
      await this.audit.record(manager, context, {
        action: 'user.create',
        targetType: 'user',
        targetId: user.id,
        details: { roles: user.roles },
      });
      return this.reload(manager, user.id);
    });
  }

  async update(context: AuditContext, id: string, changes: UserChanges): Promise<User> {
    const passwordHash = changes.password === undefined ? undefined : await hashPassword(changes.password);
    return this.dataSource.transaction(async (manager) => {
      // Row lock: two admins editing one user apply their changes one after the other.
      const user = await manager.getRepository(User).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new DomainError('NOT_FOUND', 'no such user');
      if (changes.password !== undefined) checkPassword(changes.password, user);
      const roles = changes.roles ? [...new Set(changes.roles)] : user.roles;
      const licence = changes.licence === undefined ? user.licence : changes.licence;
      checkRoles(roles as Role[], licence);
      const narrowed =
        (changes.active === false && user.active) ||
        roles.some((role) => !user.roles.includes(role)) ||
        user.roles.some((role) => !roles.includes(role)) ||
        passwordHash !== undefined;
      const set: Partial<User> = {
        name: changes.name?.trim() ?? user.name,
        roles,
        licence,
        active: changes.active ?? user.active,
        tokenVersion: narrowed ? user.tokenVersion + 1 : user.tokenVersion,
        ...(passwordHash ? { passwordHash } : {}),
      };
      await manager.getRepository(User).update({ id }, set as never);
      await this.audit.record(manager, context, {
        action: 'user.update',
        targetType: 'user',
        targetId: id,
        details: { changed: Object.keys(changes).sort(), tokensRevoked: narrowed },
      });
      return this.reload(manager, id);
    });
  }

  /** Newest first, keyset-paginated on (created_at, id). */
  async list(context: AuditContext, limit: number, cursor?: string): Promise<UserPage> {
    const query = this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .orderBy('u.created_at', 'DESC')
      .addOrderBy('u.id', 'DESC')
      .limit(limit + 1);
    if (cursor) {
      const [createdAt, id] = decodeCursor(cursor, isUserPosition);
      query.where('(u.created_at, u.id) < (:createdAt, :id)', { createdAt, id });
    }
    const rows = await query.getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, context, { action: 'user.list', targetType: 'user', details: { count: items.length } }),
    );
    return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null };
  }

  async findById(id: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOneBy({ id });
  }

  /** The user and their password hash, for sign-in only. */
  async findForLogin(email: string): Promise<User | null> {
    return this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: normaliseEmail(email) })
      .getOne();
  }

  async count(): Promise<number> {
    return this.dataSource.getRepository(User).count();
  }

  private reload(manager: EntityManager, id: string): Promise<User> {
    return manager.getRepository(User).findOneByOrFail({ id });
  }
}

function checkPassword(password: string, user: { email?: string; name?: string }): void {
  const problems = passwordProblems(password, user);
  if (problems.length) {
    throw new DomainError(
      'WEAK_PASSWORD',
      'the password is too weak',
      problems.map((message) => ({ field: 'password', message })),
    );
  }
}

/**
 * Role combinations the product refuses: integration with anything, and a reviewer without a
 * licence (a reviewer decides access-denial reviews: a licensed professional, 45 CFR 164.524(a)(4)).
 */
function checkRoles(roles: Role[], licence: ProfessionalLicence | null): void {
  // A service account for another system is never also a person's account.
  if (roles.includes('integration') && roles.length > 1) {
    throw new DomainError('INVALID_INPUT', 'the integration role is held alone', [
      { field: 'roles', message: 'integration may not be combined with another role' },
    ]);
  }
  if (roles.includes('reviewer') && !licence) {
    throw new DomainError('LICENCE_REQUIRED', 'a reviewer must hold a health-care professional licence', [
      { field: 'licence', message: 'licence is required for the reviewer role' },
    ]);
  }
}

/** The position of a users page: the last row's creation time and id. */
function isUserPosition(value: unknown): value is [string, string] {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    typeof value[0] === 'string' &&
    !Number.isNaN(Date.parse(value[0])) &&
    typeof value[1] === 'string' &&
    /^[0-9a-f-]{36}$/.test(value[1])
  );
}
