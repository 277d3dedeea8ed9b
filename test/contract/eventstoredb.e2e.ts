import { EventStoreDbEventStore, HashChainedEventStore } from '@subsidy/event-store';
import { runEventStoreContract } from './event-store.contract';

/**
 * The same contract against a real EventStoreDB, when one is configured, e.g.
 * EVENTSTORE_CONNECTION_STRING='esdb://admin:changeit@localhost:2113?tls=false' (docker/ has a compose file).
 */
const connectionString = process.env['EVENTSTORE_CONNECTION_STRING'];

if (connectionString) {
  runEventStoreContract('EventStoreDB', () => new EventStoreDbEventStore({ connectionString }), {
    honoursClock: false,
    exclusiveLog: false,
  });
  runEventStoreContract(
    'hash-chained EventStoreDB',
    () => new HashChainedEventStore(new EventStoreDbEventStore({ connectionString })),
    { honoursClock: false, exclusiveLog: false, chained: true },
  );
} else {
  describe.skip('EventStoreDB contract — skipped: no EventStoreDB (set EVENTSTORE_CONNECTION_STRING)', () => {
    it('runs the event store contract against EventStoreDB', () => undefined);
  });
}
