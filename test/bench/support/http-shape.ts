/** The HTTP scenario's data: people to GET (registered and enrolled) and people to enroll (registered only). */
export const GET_PERSONS = 27_066;
export const ENROLL_PERSONS = 60_000;
/** 高等教育资助: open to any certified person, so every one of them can be enrolled. */
export const ENROLL_PROGRAM = 'student-aid-higher';
