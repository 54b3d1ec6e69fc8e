import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { ROLES, isRole, UsersService, type Role } from '#auth';
import { DomainError } from '#domain';
import { CliModule } from '../cli.module.js';
import type { Command } from '../command.js';
import { readSecret } from '../read-secret.js';

/**
 * Creates a staff user, typically the first admin. The password comes from
 * ADMIN_PASSWORD or standard input, never from an argument (arguments show
 * in `ps` and shell history).
 */
export const usersCreateCommand: Command = {
  name: 'users:create',
  summary: 'create a staff user; password from ADMIN_PASSWORD or standard input',
  usage: 'users:create --email E --name N --role R [--role R2]',
  async run(args, config, io) {
    const { values } = parseArgs({
      args,
      options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', multiple: true } },
      strict: true,
    });
    const roles = values.role ?? [];
    if (!values.email || !values.name || roles.length === 0) {
      io.err('users:create needs --email, --name and at least one --role (admin, privacy_officer, reviewer, auditor)');
      return 2;
    }
    const unknown = roles.filter((role) => !isRole(role));
    if (unknown.length) {
      io.err(`unknown role ${unknown.join(', ')}; roles are ${ROLES.join(', ')}`);
      return 2;
    }
    const password = io.env.ADMIN_PASSWORD || (await readSecret(io.stdin, 'Password: '));
    if (!password) {
      io.err('no password: set ADMIN_PASSWORD or pipe it on standard input');
      return 2;
    }
    const app = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: false, abortOnError: false });
    try {
      const user = await app
        .get(UsersService)
        .create({ actor: 'system:cli' }, { email: values.email, name: values.name, roles: roles as Role[], password });
      io.out(`created ${user.roles.join(', ')} ${user.email} (id ${user.id})`);
      return 0;
    } catch (error) {
      if (error instanceof DomainError) {
        io.err(`${error.message}${error.errors.length ? `: ${error.errors.map((e) => e.message).join('; ')}` : ''}`);
        return 1;
      }
      throw error;
    } finally {
      await app.close();
    }
  },
};
