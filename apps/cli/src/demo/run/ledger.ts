/**
 * The ledger as the demo drives it: Nest's application context of LedgerModule (no HTTP), commands through
 * the same CommandBus and handlers the API uses, reads through the QueryBus. Like the API's position
 * middleware, each command runs in its own request context and its log position is acknowledged, so a
 * later read (a payOutstanding draft, a report) waits for the read models to include it.
 */
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus, QueryBus, type ICommand } from '@nestjs/cqrs';
import { uuidv7, type CommandContext } from '@subsidy/event-store';
import { LedgerModule } from '@subsidy/ledger/ledger.module';
import type { LedgerConfig } from '@subsidy/ledger/config/ledger-config';
import { ReadYourWrites } from '@subsidy/ledger/consistency/read-your-writes';
import { requestContext, type RequestContext } from '@subsidy/ledger/context/request-context';
import { GetReportQuery, type ReportName } from '@subsidy/ledger/queries/queries';

export class Ledger {
  /** Commands executed so far (for the timings). */
  commandCount = 0;

  private constructor(
    private readonly app: INestApplicationContext,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  static async open(config: LedgerConfig): Promise<Ledger> {
    // abortOnError: false, so a failing start rejects with its reason instead of exiting silently.
    const app = await NestFactory.createApplicationContext(LedgerModule.forRoot(config), {
      logger: false,
      abortOnError: false,
    });
    return new Ledger(app, app.get(CommandBus), app.get(QueryBus), app.get(ReadYourWrites));
  }

  /** Executes the command `make` builds for this actor (and why, where it matters); resolves to the handler's answer. */
  async execute<R>(actor: string, make: (context: CommandContext) => ICommand, reason?: string): Promise<R> {
    const commandId = uuidv7();
    const context: CommandContext = {
      actor,
      correlationId: commandId,
      causationId: commandId,
      ...(reason === undefined ? {} : { reason }),
    };
    const request: RequestContext = {};
    this.commandCount++;
    const result = await requestContext.run(request, () => this.commands.execute<ICommand, R>(make(context)));
    if (request.writtenPosition !== undefined) this.readYourWrites.acknowledge(request.writtenPosition);
    return result;
  }

  report<Row>(report: ReportName, year: number, asOf?: string): Promise<Row[]> {
    const filter = asOf === undefined ? { year } : { year, asOf };
    return this.queries.execute<GetReportQuery, Row[]>(new GetReportQuery(report, filter, {}));
  }

  close(): Promise<void> {
    return this.app.close();
  }
}
