import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type Database from 'better-sqlite3';
import { ProjectionRunner, type EventStore } from '@subsidy/event-store';
import { EVENT_STORE, READ_MODEL_DB } from './tokens';
import { UserStore } from '../users/user-store';

/** Starts the read models' catch-up subscription with the app, and closes every handle on shutdown. */
@Injectable()
export class LedgerLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Ledger');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
    @Inject(ProjectionRunner) private readonly runner: ProjectionRunner,
    @Inject(UserStore) private readonly users: UserStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
    this.logger.log(`read models at log position ${this.runner.position}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.store.close();
    this.db.close();
    this.users.close();
  }
}
