/** How the registry's deciders refuse, in the shared DomainError vocabulary (400/404/409/422). */
import { DomainError } from '../shared/domain-error';
import type { ParseResult } from '../shared/parse-result';

export type FieldError = { field: string; message: string };

/** 409: one registration per ID number (居民身份证号), whatever certificate number it comes with. */
export class BeneficiaryAlreadyRegistered extends DomainError {
  constructor(
    readonly personId: string,
    /** The certificate number on record now. */
    readonly existingCertificateNumber: string,
  ) {
    super(
      'conflict',
      `ID number ${personId} is already registered, with certificate number ${existingCertificateNumber}`,
      [{ field: 'certificateNumber', message: `already registered, as ${existingCertificateNumber}` }],
    );
  }
}

/** 400 naming every field and rule broken. */
export function invalidFields(errors: FieldError[]): DomainError {
  return new DomainError('validation', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
}

/** 404: commands other than registration need a registered person. */
export function notRegistered(): DomainError {
  return new DomainError('not-found', 'no beneficiary is registered with this ID number');
}

/** 422: a change that changes nothing is refused, so every event in the history records a real change. */
export function unchanged(message: string, errors: FieldError[]): DomainError {
  return new DomainError('rule', message, errors);
}

/** Collects field errors across a command's fields; `throwIfAny` refuses with all of them at once. */
export class FieldErrors {
  readonly errors: FieldError[] = [];

  /** The checked value, or undefined after recording each violation against `field`. */
  take<T>(field: string, result: ParseResult<T>): T | undefined {
    if (result.ok) return result.value;
    for (const e of result.errors) this.errors.push({ field, message: e.message });
    return undefined;
  }

  add(field: string, message: string): void {
    this.errors.push({ field, message });
  }

  throwIfAny(): void {
    if (this.errors.length > 0) throw invalidFields(this.errors);
  }
}
