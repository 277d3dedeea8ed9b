import { registerDecorator, type ValidationOptions } from 'class-validator';

/** A calendar date `YYYY-MM-DD` that exists (no 2024-02-30). */
export function IsCalendarDate(validationOptions?: ValidationOptions) {
  return (object: object, propertyName: string): void => {
    registerDecorator({
      name: 'isCalendarDate',
      target: object.constructor,
      propertyName,
      options: { message: 'must be a date YYYY-MM-DD', ...validationOptions },
      validator: { validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value) },
    });
  };
}

export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** An object whose keys match `keyPattern` and whose values pass `valueTest` (e.g. rates per tier). */
export function IsRecordOf(
  keyPattern: RegExp,
  valueTest: (v: unknown) => boolean,
  message: string,
  validationOptions?: ValidationOptions,
) {
  return (object: object, propertyName: string): void => {
    registerDecorator({
      name: 'isRecordOf',
      target: object.constructor,
      propertyName,
      options: { message, ...validationOptions },
      validator: {
        validate: (value: unknown) =>
          value !== null &&
          typeof value === 'object' &&
          !Array.isArray(value) &&
          Object.keys(value).length > 0 &&
          Object.entries(value as Record<string, unknown>).every(([k, v]) => keyPattern.test(k) && valueTest(v)),
      },
    });
  };
}
