/**
 * The ledger as the bench drives it without HTTP: Nest's application context of LedgerModule, commands through
 * the same CommandBus and handlers the API uses. Like the API's position middleware, each command runs in its
 * own request context and its log position is acknowledged (read-your-writes for the next draft).
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus, type ICommand } from '@nestjs/cqrs';
import { ProjectionRunner, uuidv7, type CommandContext, type EventStore } from '@subsidy/event-store';
import { LedgerModule } from '@subsidy/ledger/ledger.module';
import { loadConfig } from '@subsidy/ledger/config/ledger-config';
import { ReadYourWrites } from '@subsidy/ledger/consistency/read-your-writes';
import { requestContext, type RequestContext } from '@subsidy/ledger/context/request-context';
import { EVENT_STORE } from '@subsidy/ledger/infrastructure/tokens';

export class BenchLedger {
  private constructor(
    readonly app: INestApplicationContext,
    private readonly commands: CommandBus,
    readonly readYourWrites: ReadYourWrites,
    readonly runner: ProjectionRunner,
    readonly store: EventStore,
  ) {}

  static async open(dataDir: string, clock?: () => Date): Promise<BenchLedger> {
    const config = loadConfig({}, { dataDir, ...(clock ? { clock } : {}) });
    const app = await NestFactory.createApplicationContext(LedgerModule.forRoot(config), {
      logger: false,
      abortOnError: false,
    });
    await app.init();
    return new BenchLedger(
      app,
      app.get(CommandBus),
      app.get(ReadYourWrites),
      app.get(ProjectionRunner),
      app.get<EventStore>(EVENT_STORE),
    );
  }

  /** Runs one command as `actor`; answers the handler's result and the log position it wrote. */
  async execute<R>(actor: string, make: (context: CommandContext) => ICommand): Promise<{ result: R; position: bigint }> {
    const id = uuidv7();
    const context: CommandContext = { actor, correlationId: id, causationId: id };
    const request: RequestContext = {};
    const result = await requestContext.run(request, () => this.commands.execute<ICommand, R>(make(context)));
    const position = request.writtenPosition ?? 0n;
    if (position > 0n) this.readYourWrites.acknowledge(position);
    return { result, position };
  }

  /** Resolves once every read model has applied the log up to `position`. */
  async caughtUp(position: bigint): Promise<void> {
    while (!(await this.runner.waitForPosition(position, 60_000))) {
      /* keep waiting: a bench has no deadline but its own */
    }
  }

  close(): Promise<void> {
    return this.app.close();
  }
}
