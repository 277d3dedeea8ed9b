import { benchPerson } from './people';
/** The HTTP scenario's data: people to GET (registered and enrolled) and people to enroll (registered only). */
export const GET_PERSONS = 27_066;
export const ENROLL_PERSONS = 60_000;
/** 高等教育资助: open to any certified person, so every one of them can be enrolled. */
export const ENROLL_PROGRAM = 'student-aid-higher';

/** The body enrolling the i-th of the ENROLL_PERSONS people (wrapping round) in ENROLL_PROGRAM 2024. */
export function enrollmentBody(i: number): string {
  return JSON.stringify({ certificateNumber: benchPerson(GET_PERSONS + (i % ENROLL_PERSONS)).certificateNumber, programCode: ENROLL_PROGRAM, year: 2024 });
}
