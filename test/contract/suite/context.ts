import type { EventStore } from '@subsidy/event-store';
import type { FakeClock } from '../support/fake-clock';

export interface ContractOptions {
  /** recordedAt comes from the clock given to the factory (the embedded store); else from the server. */
  readonly honoursClock: boolean;
  /** Each test has the whole log to itself (a fresh file); else the log is shared (a server). */
  readonly exclusiveLog: boolean;
  /** The store writes hash chains: the race also checks they link. */
  readonly chained?: boolean;
}

export type StoreFactory = (clock: () => Date) => EventStore | Promise<EventStore>;

export interface ContractContext {
  readonly store: EventStore;
  readonly clock: FakeClock;
  readonly options: ContractOptions;
}

export type Section = (ctx: () => ContractContext, options: ContractOptions) => void;
