import type { RecordedEvent } from '@subsidy/event-store';
import type { Attempt } from './racer';

/**
 * What a race on one stream with exact expected revisions must leave: revisions 0..n-1 without gaps or
 * duplicates; for every revision exactly one winning attempt (the one whose event sits there); every other
 * attempt refused with the typed error naming what it expected and a newer actual revision; no loser's
 * event anywhere.
 */
export function expectFairRace(
  events: readonly RecordedEvent[],
  attempts: readonly Attempt[],
  total: number,
): void {
  expect(events.map((e) => e.revision)).toEqual(Array.from({ length: total }, (_, i) => BigInt(i)));
  expect(new Set(events.map((e) => e.id)).size).toBe(total);

  const wins = attempts.filter((a) => a.won);
  expect(wins).toHaveLength(total);
  const winsByExpected = new Map<string, Attempt[]>();
  for (const w of wins) winsByExpected.set(w.expected, [...(winsByExpected.get(w.expected) ?? []), w]);
  events.forEach((e, i) => {
    const expected = i === 0 ? 'no_stream' : String(i - 1);
    const winners = winsByExpected.get(expected) ?? [];
    expect(winners).toHaveLength(1);
    expect(winners[0]!.eventId).toBe(e.id);
  });

  const inStream = new Set(events.map((e) => e.id));
  for (const lost of attempts.filter((a) => !a.won)) {
    expect(lost.error).toBe('WrongExpectedRevisionError');
    expect(lost.errorExpected).toBe(lost.expected);
    expect(lost.actual).toMatch(/^\d+$/);
    const floor = lost.expected === 'no_stream' ? 0n : BigInt(lost.expected) + 1n;
    expect(BigInt(lost.actual!)).toBeGreaterThanOrEqual(floor);
    expect(inStream.has(lost.eventId)).toBe(false);
  }
}
