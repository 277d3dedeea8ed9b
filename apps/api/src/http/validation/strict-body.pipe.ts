import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { InvalidInputError, type FieldError } from '../problem/problem';

const MAX_ERRORS = 50;

/**
 * Validates bodies and queries against their DTO classes: unknown fields are refused, nothing is coerced
 * (a number is not silently turned into a money string), and each error names its field path
 * (`lines[3].amount`) and the rule.
 */
@Injectable()
export class StrictBodyPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const type = metadata.metatype;
    if (metadata.type === 'custom' || !type || isPrimitiveType(type)) return value;
    if (metadata.type === 'body' && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw new InvalidInputError([{ field: 'body', message: 'must be a JSON object' }]);
    }
    const instance = plainToInstance(type as new () => object, value ?? {}, { enableImplicitConversion: false });
    const errors = validateSync(instance, {
      whitelist: true,
      // Unknown body fields are refused (a typo must not silently drop data); unknown query parameters are ignored.
      forbidNonWhitelisted: metadata.type === 'body',
      forbidUnknownValues: true,
      stopAtFirstError: true,
    });
    if (errors.length > 0) {
      const where = metadata.type === 'query' ? 'query.' : '';
      throw new InvalidInputError(flatten(errors, where).slice(0, MAX_ERRORS));
    }
    return instance;
  }
}

function isPrimitiveType(type: unknown): boolean {
  return [String, Number, Boolean, Array, Object].includes(type as never);
}

function flatten(errors: ValidationError[], prefix: string): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = /^\d+$/.test(e.property) ? `${prefix.replace(/\.$/, '')}[${e.property}]` : `${prefix}${e.property}`;
    for (const [rule, message] of Object.entries(e.constraints ?? {})) {
      out.push({ field, message: rule === 'whitelistValidation' ? 'is not a known field' : message });
    }
    if (e.children && e.children.length > 0) out.push(...flatten(e.children, `${field}.`));
  }
  return out;
}
