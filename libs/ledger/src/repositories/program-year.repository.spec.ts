import {
  HashChainedEventStore,
  SqliteEventStore,
  type AppendOptions,
  type EventData,
  type EventStore,
} from '@subsidy/event-store';
import { decide } from '@subsidy/domain/program-year';
import type { ProgramYearEvent } from '@subsidy/domain/events/program-year-events';
import { DomainError } from '@subsidy/domain/shared/domain-error';
import { EventWriter } from '../infrastructure/event-writer';
import { idNumber } from '../read-models/testing/ledger-fixture';
import { PaymentBatchRepository } from './payment-batch.repository';
import { ProgramYearRepository } from './program-year.repository';

/** Counts the appends that reach the store. */
function countingStore(inner: EventStore): EventStore & { appends: number } {
  const counting = Object.create(inner) as EventStore & { appends: number };
  counting.appends = 0;
  counting.appendToStream = (streamId: string, events: readonly EventData[], options?: AppendOptions) => {
    counting.appends++;
    return inner.appendToStream(streamId, events, options);
  };
  return counting;
}

describe('ProgramYearRepository.transact: requests waiting for a turn are decided and appended together', () => {
  const context = (n: number) => ({ actor: `clerk-${n}`, correlationId: `c-${n}`, causationId: `c-${n}` });

  it('enrolls forty people racing on one program-year in far fewer appends, each once, a duplicate refused', async () => {
    const store = countingStore(new HashChainedEventStore(new SqliteEventStore({ file: ':memory:' })));
    const repo = new ProgramYearRepository(
      store,
      new PaymentBatchRepository(store),
      new EventWriter(store, () => new Date()),
    );
    const open = (s: Parameters<typeof decide>[1]) =>
      decide(
        {
          type: 'OpenProgramYear',
          data: {
            programCode: 'assistive-devices',
            year: 2024,
            quota: 40,
            rates: { standard: '800.00' },
            fundingPlan: { upper: '100.00', county: '0.00' },
          },
        },
        s,
      );
    await repo.transact('assistive-devices', 2024, context(0), open);
    const people = Array.from({ length: 40 }, (_, i) => idNumber('1980-01-01', i + 1));
    const enroll = (personId: string, n: number) =>
      repo.transact('assistive-devices', 2024, context(n), (s) =>
        decide(
          {
            type: 'EnrollBeneficiary',
            data: {
              enrollmentId: `e-${n}`,
              programCode: 'assistive-devices',
              year: 2024,
              person: { personId, certificateNumber: `${personId}41` },
              eligibility: { eligible: true },
            },
          },
          s,
        ),
      );
    const before = store.appends;
    const answers = await Promise.allSettled([
      ...people.map((p, i) => enroll(p, i + 1)),
      enroll(people[7]!, 99),
    ]);

    expect(answers.slice(0, 40).every((a) => a.status === 'fulfilled')).toBe(true);
    const duplicate = answers[40]!;
    expect(duplicate.status).toBe('rejected');
    expect((duplicate as PromiseRejectedResult).reason).toBeInstanceOf(DomainError);
    expect((duplicate as PromiseRejectedResult).reason.kind).toBe('conflict');
    expect(store.appends - before).toBeLessThan(5);

    const state = await repo.load('assistive-devices', 2024);
    expect([...state.enrollments.keys()].sort()).toEqual([...people].sort());
    const recorded: ProgramYearEvent['type'][] = [];
    for await (const e of store.readStream('program-year-assistive-devices-2024'))
      recorded.push(e.type as ProgramYearEvent['type']);
    expect(recorded.filter((t) => t === 'BeneficiaryEnrolled')).toHaveLength(40);
    await store.close();
  });
});
