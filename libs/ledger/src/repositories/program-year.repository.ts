import { Inject, Injectable } from '@nestjs/common';
import {
  StreamNotFoundError,
  WrongExpectedRevisionError,
  type CommandContext,
  type EventStore,
  type ExpectedRevision,
} from '@subsidy/event-store';
import type { ProgramCode } from '@subsidy/domain/catalogue/program-code';
import { programYearStream } from '@subsidy/domain/events/streams';
import type { PaymentBatchApproved, ProgramYearEvent } from '@subsidy/domain/events/program-year-events';
import {
  initialProgramYearState,
  startFold,
  withLines,
  type ProgramYearFold,
  type ProgramYearState,
} from '@subsidy/domain/program-year';
import { EVENT_STORE } from '../infrastructure/tokens';
import { EventWriter } from '../infrastructure/event-writer';
import { noteWrittenPosition } from '../context/request-context';
import { StreamQueue } from '../infrastructure/stream-queue';
import { PaymentBatchRepository } from './payment-batch.repository';
import { toDomainEvent } from './to-domain-event';

/** As many turns as `retryOnConflict` allows attempts: a pathological hot spot surfaces as 409, not a hang. */
const MAX_ATTEMPTS = 20;

interface Decided {
  events: ProgramYearEvent[];
  state: ProgramYearState;
  position?: bigint;
}

interface TurnRequest {
  context: CommandContext;
  decide: (state: ProgramYearState) => ProgramYearEvent[];
  resolve: (decided: Decided) => void;
  reject: (error: unknown) => void;
}

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
  /** Per stream, the requests waiting for the next turn (they are decided and appended together). */
  private readonly nextTurn = new Map<string, TurnRequest[]>();
  /** Per stream, the fold turns decide on (see workingFold). */
  private readonly working = new Map<string, ProgramYearFold>();

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
   *
   * Requests that arrive while the program-year's previous turn runs are decided together in the next turn:
   * one after another, each against the state the ones before it leave (a fold of the state loaded at R), and
   * appended in ONE append with expected revision R — one durable transaction for all of them, not one each.
   * A refusal waits for the turn's append: if it fails on a conflict, every request of the turn is decided
   * again on the fresh state, refused ones included.
   */
  transact<E extends ProgramYearEvent>(
    programCode: ProgramCode,
    year: number,
    context: CommandContext,
    decide: (state: ProgramYearState) => E[],
  ): Promise<{ events: E[]; state: ProgramYearState }> {
    const stream = programYearStream(programCode, year);
    const answer = new Promise<Decided>((resolve, reject) => {
      let turn = this.nextTurn.get(stream);
      if (turn === undefined) {
        const requests: TurnRequest[] = [];
        turn = requests;
        this.nextTurn.set(stream, requests);
        void this.queue.run(stream, () => {
          if (this.nextTurn.get(stream) === requests) this.nextTurn.delete(stream);
          return this.takeTurn(programCode, year, stream, requests);
        });
      }
      turn.push({ context, decide, resolve, reject });
    });
    // In the caller's own request context: its write is acknowledged for read-your-writes.
    return answer.then(({ events, state, position }) => {
      if (position !== undefined) noteWrittenPosition(position);
      return { events: events as E[], state };
    });
  }

  private async takeTurn(
    programCode: ProgramCode,
    year: number,
    stream: string,
    requests: TurnRequest[],
  ): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      let fold: ProgramYearFold;
      try {
        fold = await this.workingFold(programCode, year, stream);
      } catch (e) {
        for (const r of requests) r.reject(e);
        return;
      }
      const expected = ProgramYearRepository.expectedRevision(fold.state);
      const outcomes: Array<{
        request: TurnRequest;
        events?: ProgramYearEvent[];
        seen?: ProgramYearState;
        refusal?: unknown;
      }> = [];
      let unfolded: ProgramYearEvent[] = [];
      try {
        for (const request of requests) {
          await this.foldInto(fold, unfolded);
          unfolded = [];
          let events: ProgramYearEvent[];
          try {
            events = request.decide(fold.state);
          } catch (refusal) {
            outcomes.push({ request, refusal });
            continue;
          }
          // What this decision saw (its collections are the working fold's and show later decisions).
          outcomes.push({ request, events, seen: { ...fold.state } });
          // Folded only when another decision of this turn follows: nothing needs the last one's.
          unfolded = events;
        }
      } catch (e) {
        this.working.delete(stream);
        for (const r of requests) r.reject(e);
        return;
      }
      const writes = outcomes.filter((o) => o.events !== undefined && o.events.length > 0);
      let position: bigint | undefined;
      if (writes.length > 0) {
        try {
          const parts = writes.map((o) => ({ events: o.events!, context: o.request.context }));
          position = (await this.writer.appendAll(stream, parts, expected)).position;
        } catch (e) {
          // The fold holds decisions that were not recorded: the next attempt starts from the log.
          this.working.delete(stream);
          if (e instanceof WrongExpectedRevisionError && attempt < MAX_ATTEMPTS) continue;
          for (const r of requests) r.reject(e);
          return;
        }
      }
      for (const o of outcomes) {
        if (o.events === undefined) o.request.reject(o.refusal);
        else
          o.request.resolve({
            events: o.events,
            state: o.seen!,
            position: o.events.length > 0 ? position : undefined,
          });
      }
      // Keep the working fold at the new revision, unless that means folding an approval (re-deriving every
      // line's split): the next turn loads it instead, off this turn's answers and the read models' catch-up.
      if (unfolded.some((e) => e.type === 'PaymentBatchApproved')) this.working.delete(stream);
      else await this.foldInto(fold, unfolded).catch(() => this.working.delete(stream));
      return;
    }
  }

  /**
   * The fold turns decide on, brought up to the stream's head. It is kept from turn to turn and changed in
   * place, so a turn of enrollments costs what it adds, not a copy of every enrollment of the program-year
   * (startFold copies a collection on its first change: 60,000 enrollments took ~3 ms a turn). Only turns
   * (one at a time per stream: StreamQueue) touch it; `load` keeps its own states, never this one. Dropped
   * whenever it may hold what the log does not (a failed append, a failed fold).
   */
  private async workingFold(
    programCode: ProgramCode,
    year: number,
    stream: string,
  ): Promise<ProgramYearFold> {
    let fold = this.working.get(stream);
    if (fold === undefined) {
      fold = startFold(await this.load(programCode, year));
      this.working.set(stream, fold);
      return fold;
    }
    try {
      for await (const r of this.store.readStream(stream, {
        fromRevision: BigInt(fold.state.revision + 1),
      })) {
        const event = toDomainEvent(r) as ProgramYearEvent;
        fold.apply(
          event.type === 'PaymentBatchApproved' ? withLines(event, await this.linesOf(event)) : event,
        );
      }
    } catch (e) {
      if (e instanceof StreamNotFoundError) return fold; // nothing recorded yet
      this.working.delete(stream);
      throw e;
    }
    return fold;
  }

  private async foldInto(fold: ProgramYearFold, events: readonly ProgramYearEvent[]): Promise<void> {
    for (const e of events) {
      fold.apply(e.type === 'PaymentBatchApproved' ? withLines(e, await this.linesOf(e)) : e);
    }
  }

  async load(programCode: ProgramCode, year: number): Promise<ProgramYearState> {
    const stream = programYearStream(programCode, year);
    const known = this.states.get(stream) ?? initialProgramYearState(programCode, year);
    // Folded page by page as the events stream in: a program-year of 270,660 enrollments is never held as
    // an array of recorded events.
    let fold: ProgramYearFold | undefined;
    try {
      for await (const r of this.store.readStream(stream, { fromRevision: BigInt(known.revision + 1) })) {
        fold ??= startFold(known);
        const event = toDomainEvent(r) as ProgramYearEvent;
        fold.apply(
          event.type === 'PaymentBatchApproved' ? withLines(event, await this.linesOf(event)) : event,
        );
      }
    } catch (e) {
      if (!(e instanceof StreamNotFoundError)) throw e;
    }
    if (fold === undefined) return known;
    const state = fold.state;
    const latest = this.states.get(stream);
    if (!latest || latest.revision < state.revision) this.states.set(stream, state);
    return state;
  }

  /** The expected revision that proves nothing changed since `state` was read. */
  static expectedRevision(state: ProgramYearState): ExpectedRevision {
    return state.revision < 0 ? 'no_stream' : BigInt(state.revision);
  }

  private async linesOf(event: PaymentBatchApproved) {
    const draft = await this.batches.approvable(event.data.batchId);
    if (!draft) throw new Error(`approved batch ${event.data.batchId} has no draft stream`);
    return draft.lines;
  }
}
