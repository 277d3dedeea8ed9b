/**
 * The answer of a parser that checks several rules: the value, or every rule that failed with a message
 * precise enough for a clerk to fix the input ("check character should be X, is 5").
 */
export interface RuleViolation<Rule extends string = string> {
  rule: Rule;
  message: string;
}

export type ParseResult<T, Rule extends string = string> =
  { ok: true; value: T } | { ok: false; errors: Array<RuleViolation<Rule>> };
