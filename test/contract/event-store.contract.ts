import type { EventStore } from '@subsidy/event-store';
import { FakeClock } from './support/fake-clock';
import type { ContractContext, ContractOptions, StoreFactory } from './suite/context';
import { appendsAndExpectedRevisions } from './suite/appends';
import { readingStreams } from './suite/reads';
import { readingAll } from './suite/all';
import { subscriptions } from './suite/subscriptions';
import { limits } from './suite/limits';
import { concurrency, recordedTime } from './suite/time-and-concurrency';

export type { ContractOptions, StoreFactory } from './suite/context';

/**
 * The event store contract: what every adapter (and the hash-chain decorator around one) must do so code
 * above the port cannot tell them apart. EventStoreDB's semantics are the reference. Each test gets a fresh
 * store from `factory`, with a clock it controls.
 */
export function runEventStoreContract(name: string, factory: StoreFactory, options: ContractOptions): void {
  describe(`${name} — event store contract`, () => {
    let current: ContractContext | undefined;
    const ctx = (): ContractContext => {
      if (current === undefined) throw new Error('no store: the contract runs inside its beforeEach');
      return current;
    };

    beforeEach(async () => {
      const clock = new FakeClock();
      const store: EventStore = await factory(clock.now);
      current = { store, clock, options };
    });

    afterEach(async () => {
      await current?.store.close();
      current = undefined;
    });

    it('names its kind', () => {
      expect(['sqlite', 'eventstoredb', 'memory']).toContain(ctx().store.kind);
    });

    for (const section of [
      appendsAndExpectedRevisions,
      readingStreams,
      readingAll,
      subscriptions,
      limits,
      recordedTime,
      concurrency,
    ]) {
      section(ctx, options);
    }
  });
}
