/** How a refusal maps to the outside: validation 400, forbidden 403, not-found 404, conflict 409, rule 422. */
export type DomainErrorKind = 'validation' | 'not-found' | 'conflict' | 'rule' | 'forbidden';

/** A decider's refusal: nothing is recorded, and `errors` name the command's fields and what is wrong. */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly errors?: Array<{ field: string; message: string }>,
  ) {
    super(message);
  }
}
