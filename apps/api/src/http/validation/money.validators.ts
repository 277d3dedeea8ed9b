import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isMoneyString } from '@subsidy/domain/shared/money';

/**
 * Money at the edge: a JSON string with exactly two decimals, in yuan ("12000.00"). A JSON number is refused:
 * it may already have lost precision before it reached us.
 */
export function IsMoney(options: { positive?: boolean } = {}, validationOptions?: ValidationOptions) {
  return (object: object, propertyName: string): void => {
    registerDecorator({
      name: options.positive ? 'isPositiveMoney' : 'isMoney',
      target: object.constructor,
      propertyName,
      options: validationOptions,
      validator: {
        validate(value: unknown): boolean {
          return isMoneyString(value) && (!options.positive || !/^0\.00$/.test(value));
        },
        defaultMessage(args): string {
          const v = args?.value as unknown;
          if (typeof v === 'number') return `must be a string with exactly two decimals such as "12000.00", not a JSON number`;
          if (options.positive && v === '0.00') return 'must be more than "0.00"';
          if (typeof v === 'string' && /^-/.test(v)) return 'must not be negative';
          return `must be a non-negative amount in yuan with exactly two decimals, such as "12000.00"`;
        },
      },
    });
  };
}
