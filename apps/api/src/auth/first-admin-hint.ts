import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { UsersService } from '#auth';

/** On a fresh install, says in the log how to create the first admin. */
@Injectable()
export class FirstAdminHint implements OnApplicationBootstrap {
  private readonly logger = new Logger('FirstStart');

  constructor(private readonly users: UsersService) {}

  async onApplicationBootstrap(): Promise<void> {
    const count = await this.users.count().catch(() => -1);
    if (count === 0) {
      this.logger.warn(
        'No staff users yet. Create the first admin with: ADMIN_PASSWORD=... npm run cli -- users:create --email you@clinic.example --name "Your Name" --role admin',
      );
    }
  }
}
