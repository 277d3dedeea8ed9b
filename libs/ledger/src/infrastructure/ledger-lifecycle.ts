import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type Database from 'better-sqlite3';
import { backgroundReady, ProjectionRunner, WalCheckpointer, type EventStore } from '@subsidy/event-store';
import { EVENT_STORE, READ_MODEL_DB } from './tokens';
import { UserStore } from '../users/user-store';

/** How often the read models' WAL is checkpointed in the background while the app serves. */
const READ_MODEL_CHECKPOINT_MS = 250;

/**
 * Starts the read models' catch-up subscription with the app, and closes every handle on shutdown. Once the
 * read models have caught up, their WAL is checkpointed by a worker thread every quarter second: SQLite's
 * automatic checkpoint (every ~40 MB, read-model-db.ts) ran inside a projection commit on the API's one
 * thread, ~75–95 ms during which every request waited (once per ~10 s of enrollments at full load).
 */
@Injectable()
export class LedgerLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Ledger');
  private readonly checkpointer: WalCheckpointer | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
    @Inject(ProjectionRunner) private readonly runner: ProjectionRunner,
    @Inject(UserStore) private readonly users: UserStore,
  ) {
    this.checkpointer = db.memory ? undefined : new WalCheckpointer(db.name);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
    // After the catch-up: a bulk one sets its own, rarer checkpoints (projection-runner.ts).
    this.checkpointer?.every(READ_MODEL_CHECKPOINT_MS);
    // Serve only once both checkpoint threads run and what the catch-up left in the read models' WAL (~47 MB
    // after the asOf bench's 16,000 events) is copied: otherwise the two threads' start (~60 ms of a core
    // each) and that first copy ran beside the first requests, and on two cores a request thread that was
    // ready to run waited a whole scheduler tick (~4 ms) for a core — the asOf bench's slowest answers.
    await Promise.all([backgroundReady(this.store), this.checkpointer?.checkpointNow()]);
    this.logger.log(`read models at log position ${this.runner.position}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.checkpointer?.stop();
    await this.store.close();
    this.db.close();
    this.users.close();
  }
}
