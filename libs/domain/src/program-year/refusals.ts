/**
 * How deciders refuse: a DomainError whose kind maps to the HTTP status (validation 400, not-found 404,
 * conflict 409, rule 422, forbidden 403) and whose `errors` name the command's fields.
 */
import type Decimal from 'decimal.js';
import { DomainError } from '../shared/domain-error';
import { isMoneyString, money } from '../shared/money';

export type FieldError = { field: string; message: string };

export const invalid = (errors: FieldError[]): DomainError =>
  new DomainError('validation', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
export const notFound = (message: string): DomainError => new DomainError('not-found', message);
export const conflict = (message: string, errors?: FieldError[]): DomainError =>
  new DomainError('conflict', message, errors);
export const ruleBroken = (message: string, errors?: FieldError[]): DomainError =>
  new DomainError('rule', message, errors);
export const forbidden = (message: string): DomainError => new DomainError('forbidden', message);

/** Collects field errors while checking a command; `throwIfAny` refuses with all of them at once. */
export class FieldErrors {
  readonly errors: FieldError[] = [];

  add(field: string, message: string): void {
    this.errors.push({ field, message });
  }

  /** The amount, if `value` is a two-decimal money string (and > 0 when `positive`); else records an error. */
  money(field: string, value: unknown, { positive }: { positive: boolean }): Decimal | undefined {
    if (!isMoneyString(value)) {
      this.add(field, 'must be a string with exactly two decimals, like "12000.00"');
      return undefined;
    }
    const amount = money(value);
    if (positive && amount.isZero()) {
      this.add(field, 'must be more than 0.00');
      return undefined;
    }
    return amount;
  }

  text(field: string, value: unknown): void {
    if (typeof value !== 'string' || value.trim() === '') this.add(field, 'is required');
  }

  throwIfAny(): void {
    if (this.errors.length > 0) throw invalid(this.errors);
  }
}
