import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type Database from 'better-sqlite3';
import { createEventStore, ProjectionRunner, type EventStore } from '@subsidy/event-store';
import type { LedgerConfig } from './config/ledger-config';
import { CLOCK, EVENT_STORE, LEDGER_CONFIG, READ_MODEL_DB } from './infrastructure/tokens';
import { openReadModelDb } from './infrastructure/read-model-db';
import { EventWriter } from './infrastructure/event-writer';
import { LedgerLifecycle } from './infrastructure/ledger-lifecycle';
import { ReadYourWrites } from './consistency/read-your-writes';
import { UserStore } from './users/user-store';
import { IdempotencyStore } from './idempotency/idempotency-store';
import { allProjections } from './read-models';
import { ProgramYearRepository } from './repositories/program-year.repository';
import { PaymentBatchRepository } from './repositories/payment-batch.repository';
import { BeneficiaryRepository } from './repositories/beneficiary.repository';
import { TimeTravel } from './time-travel/time-travel';
import { COMMAND_HANDLERS, QUERY_HANDLERS } from './handlers';

/**
 * The ledger's application layer: the event store (embedded SQLite or EventStoreDB, hash-chained), the local
 * read models and their projection runner, repositories, and the command and query handlers.
 */
@Module({})
export class LedgerModule {
  static forRoot(config: LedgerConfig): DynamicModule {
    return {
      module: LedgerModule,
      global: true,
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: LEDGER_CONFIG, useValue: config },
        { provide: CLOCK, useValue: config.clock },
        {
          provide: EVENT_STORE,
          useFactory: (): EventStore =>
            createEventStore({
              kind: config.store,
              dataDir: config.dataDir,
              connectionString: config.eventStoreConnectionString,
              clock: config.clock,
            }),
        },
        { provide: READ_MODEL_DB, useFactory: () => openReadModelDb(config.dataDir) },
        {
          provide: ProjectionRunner,
          inject: [EVENT_STORE, READ_MODEL_DB],
          useFactory: (store: EventStore, db: Database.Database) =>
            new ProjectionRunner({ store, db, projections: allProjections() }),
        },
        {
          provide: ReadYourWrites,
          inject: [ProjectionRunner],
          useFactory: (runner: ProjectionRunner) => new ReadYourWrites(runner, config.readWaitMs),
        },
        { provide: UserStore, useFactory: () => new UserStore(config.dataDir) },
        {
          provide: EventWriter,
          inject: [EVENT_STORE],
          useFactory: (store: EventStore) => new EventWriter(store, config.clock),
        },
        {
          provide: IdempotencyStore,
          inject: [EVENT_STORE],
          useFactory: (store: EventStore) => new IdempotencyStore(store, config.clock),
        },
        ProgramYearRepository,
        PaymentBatchRepository,
        BeneficiaryRepository,
        TimeTravel,
        LedgerLifecycle,
        ...COMMAND_HANDLERS,
        ...QUERY_HANDLERS,
      ],
      exports: [
        LEDGER_CONFIG,
        CLOCK,
        EVENT_STORE,
        READ_MODEL_DB,
        ProjectionRunner,
        ReadYourWrites,
        UserStore,
        EventWriter,
        IdempotencyStore,
        TimeTravel,
      ],
    };
  }
}
