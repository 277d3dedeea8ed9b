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
  const enrollOn = (repo: ProgramYearRepository, personId: string, n: number) =>
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
  const repoOn = (store: EventStore) =>
    new ProgramYearRepository(
      store,
      new PaymentBatchRepository(store),
      new EventWriter(store, () => new Date()),
    );

  it('enrolls forty people racing on one program-year in far fewer appends, each once, a duplicate refused', async () => {
    const store = countingStore(new HashChainedEventStore(new SqliteEventStore({ file: ':memory:' })));
    const repo = repoOn(store);
    await repo.transact('assistive-devices', 2024, context(0), open);
    const people = Array.from({ length: 40 }, (_, i) => idNumber('1980-01-01', i + 1));
    const enroll = (personId: string, n: number) => enrollOn(repo, personId, n);
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

  describe('the state turns decide on holds only what the log holds', () => {
    it('forgets a decision whose append failed: the same enrollment sent again is recorded, once', async () => {
      const inner = new HashChainedEventStore(new SqliteEventStore({ file: ':memory:' }));
      let failNext = false;
      const flaky = Object.create(inner) as EventStore;
      flaky.appendToStream = (streamId: string, events: readonly EventData[], options?: AppendOptions) => {
        if (failNext) {
          failNext = false;
          return Promise.reject(new Error('disk full'));
        }
        return inner.appendToStream(streamId, events, options);
      };
      const repo = repoOn(flaky);
      const person = idNumber('1980-01-01', 1);
      await repo.transact('assistive-devices', 2024, context(0), open);
      await enrollOn(repo, idNumber('1980-01-01', 2), 1);
      failNext = true;
      // One turn of two: the first decision is folded before the second is decided, then the append fails.
      const failed = await Promise.allSettled([
        enrollOn(repo, person, 2),
        enrollOn(repo, idNumber('1980-01-01', 3), 3),
      ]);
      expect(failed.map((f) => f.status)).toEqual(['rejected', 'rejected']);
      await expect(enrollOn(repo, person, 4)).resolves.toMatchObject({
        events: [{ type: 'BeneficiaryEnrolled' }],
      });
      await expect(enrollOn(repo, person, 5)).rejects.toMatchObject({ kind: 'conflict' });
      expect((await repo.load('assistive-devices', 2024)).enrollments.size).toBe(2);
      await inner.close();
    });

    it('sees what another node recorded between its turns, and refuses on it', async () => {
      const store = new HashChainedEventStore(new SqliteEventStore({ file: ':memory:' }));
      const here = repoOn(store);
      const there = repoOn(store);
      await here.transact('assistive-devices', 2024, context(0), open);
      await enrollOn(here, idNumber('1980-01-01', 1), 1);
      await enrollOn(there, idNumber('1980-01-01', 2), 2);
      await expect(enrollOn(here, idNumber('1980-01-01', 2), 3)).rejects.toMatchObject({ kind: 'conflict' });
      await expect(enrollOn(here, idNumber('1980-01-01', 3), 4)).resolves.toMatchObject({
        events: [{ type: 'BeneficiaryEnrolled' }],
      });
      const recorded: string[] = [];
      for await (const e of store.readStream('program-year-assistive-devices-2024')) recorded.push(e.type);
      expect(recorded.filter((t) => t === 'BeneficiaryEnrolled')).toHaveLength(3);
      await store.close();
    });
  });
});
