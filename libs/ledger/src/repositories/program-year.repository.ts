import { Inject, Injectable } from '@nestjs/common';
import type { CommandContext, EventStore, ExpectedRevision } from '@subsidy/event-store';
import type { ProgramCode } from '@subsidy/domain/catalogue/program-code';
import { programYearStream } from '@subsidy/domain/events/streams';
import type { PaymentBatchApproved, ProgramYearEvent } from '@subsidy/domain/events/program-year-events';
import {
  evolveAll,
  initialProgramYearState,
  withLines,
  type ProgramYearEvolvable,
  type ProgramYearState,
} from '@subsidy/domain/program-year';
import { EVENT_STORE } from '../infrastructure/tokens';
import { readStreamFrom } from '../infrastructure/stream-reader';
import { EventWriter } from '../infrastructure/event-writer';
import { retryOnConflict } from '../infrastructure/retry-on-conflict';
import { StreamQueue } from '../infrastructure/stream-queue';
import { PaymentBatchRepository } from './payment-batch.repository';
import { toDomainEvent } from './to-domain-event';

/**
 * Program-year states, folded from their streams. The last state seen is kept and brought up to date by
 * reading only the events after it, so a hot program-year is not refolded per request. The cache is only a
 * shortcut: every write still appends with the exact revision the decision was made on, so a stale cache
 * (another node wrote) costs one WrongExpectedRevision and a re-read, never a wrong decision.
 */
@Injectable()
export class ProgramYearRepository {
  private readonly states = new Map<string, ProgramYearState>();
  private readonly queue = new StreamQueue();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PaymentBatchRepository) private readonly batches: PaymentBatchRepository,
    @Inject(EventWriter) private readonly writer: EventWriter,
  ) {}

  /**
   * One decision on the program-year: load its state at revision R, decide, append with expected revision R.
   * If another writer got there first, load and decide again (bounded). Requests of this process on the same
   * program-year take turns (StreamQueue), so they do not knock each other out; the expected revision is
   * what guards the invariants, here and across API nodes.
   */
  transact<E extends ProgramYearEvent>(
    programCode: ProgramCode,
    year: number,
    context: CommandContext,
    decide: (state: ProgramYearState) => E[],
  ): Promise<{ events: E[]; state: ProgramYearState }> {
    const stream = programYearStream(programCode, year);
    return this.queue.run(stream, () =>
      retryOnConflict(async () => {
        const state = await this.load(programCode, year);
        const events = decide(state);
        if (events.length > 0) {
          await this.writer.append(stream, events, ProgramYearRepository.expectedRevision(state), context);
        }
        return { events, state };
      }),
    );
  }

  async load(programCode: ProgramCode, year: number): Promise<ProgramYearState> {
    const stream = programYearStream(programCode, year);
    const known = this.states.get(stream) ?? initialProgramYearState(programCode, year);
    const recorded = await readStreamFrom(this.store, stream, BigInt(known.revision + 1));
    if (recorded.length === 0) return known;
    const events: ProgramYearEvolvable[] = [];
    for (const r of recorded) {
      const event = toDomainEvent(r) as ProgramYearEvent;
      if (event.type === 'PaymentBatchApproved') {
        events.push(withLines(event, await this.linesOf(event)));
      } else {
        events.push(event);
      }
    }
    const state = evolveAll(known, events);
    const latest = this.states.get(stream);
    if (!latest || latest.revision < state.revision) this.states.set(stream, state);
    return state;
  }

  /** The expected revision that proves nothing changed since `state` was read. */
  static expectedRevision(state: ProgramYearState): ExpectedRevision {
    return state.revision < 0 ? 'no_stream' : BigInt(state.revision);
  }

  private async linesOf(event: PaymentBatchApproved) {
    const draft = await this.batches.load(event.data.batchId);
    if (!draft) throw new Error(`approved batch ${event.data.batchId} has no draft stream`);
    return draft.lines;
  }
}
