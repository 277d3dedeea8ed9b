import { benchPerson } from './people';
/** The HTTP scenario's data: people to GET (registered and enrolled) and people to enroll (registered only). */
export const GET_PERSONS = 27_066;
export const ENROLL_PERSONS = 60_000;
/** 高等教育资助: open to any certified person, so every one of them can be enrolled. */
export const ENROLL_PROGRAM = 'student-aid-higher';

/**
 * Autocannon's request `n` of a run enrolling people in ENROLL_PROGRAM 2024: the ENROLL_PERSONS people from
 * the `first`-th on (wrapping round), each once.
 */
export function enrollments(first = 0): (n: number) => { path: string; body: string } {
  return (n) => ({
    path: '/api/v1/enrollments',
    body: JSON.stringify({ certificateNumber: benchPerson(GET_PERSONS + ((first + n) % ENROLL_PERSONS)).certificateNumber, programCode: ENROLL_PROGRAM, year: 2024 }),
  });
}
