import { WrongExpectedRevisionError } from '@subsidy/event-store';

/**
 * Optimistic concurrency: load, decide, append with the exact expected revision; if another writer got there
 * first, load again and decide again on the fresh state. The decision itself then says whether the request
 * still stands (or is now a 409/422). Bounded, so a pathological hot spot surfaces as 409, not a hang.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, maxAttempts = 20): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (e) {
      if (!(e instanceof WrongExpectedRevisionError) || i >= maxAttempts) throw e;
    }
  }
}
