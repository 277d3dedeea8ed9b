/**
 * The registry's field rules (登记信息校验), each answering the value to record (trimmed where that is safe) or
 * every rule it breaks, in words a clerk can act on. Lengths count characters (code points), so 50 Chinese
 * characters are 50, not 150 bytes.
 */
import type { ParseResult, RuleViolation } from '../shared/parse-result';

export type FieldRule = 'type' | 'required' | 'length' | 'characters';
export type FieldCheck = ParseResult<string, FieldRule>;

/** Person's name (姓名): trimmed, 1–50 characters, no control or invisible format characters. */
export function checkName(value: unknown): FieldCheck {
  return checkText(value, { max: 50, printable: true });
}

/** Township (乡镇), e.g. 梅山镇: trimmed, 1–50 characters, no control or invisible format characters. */
export function checkTownship(value: unknown): FieldCheck {
  return checkText(value, { max: 50, printable: true });
}

/** Why a record changes (the event's reason): trimmed, 1–500 characters; line breaks allowed. */
export function checkReason(value: unknown): FieldCheck {
  return checkText(value, { max: 500, printable: false });
}

/** Bank card or account number (银行账号): digits only, 12–30 of them, as typed (nothing trimmed). */
export function checkBankAccount(value: unknown): FieldCheck {
  if (typeof value !== 'string') return refuse({ rule: 'type', message: 'must be a string of digits' });
  if (value === '') return refuse({ rule: 'required', message: 'is required' });
  const errors: Array<RuleViolation<FieldRule>> = [];
  const wrong = /\D/u.exec(value);
  if (wrong)
    errors.push({
      rule: 'characters',
      message: `must be digits only; ${describeCharacter(value, wrong.index)}`,
    });
  if (value.length < 12 || value.length > 30) {
    errors.push({ rule: 'length', message: `must be 12–30 digits long, is ${[...value].length}` });
  }
  return errors.length > 0 ? refuse(...errors) : { ok: true, value };
}

function checkText(value: unknown, { max, printable }: { max: number; printable: boolean }): FieldCheck {
  if (typeof value !== 'string') return refuse({ rule: 'type', message: 'must be a string' });
  const text = value.trim();
  if (text === '') return refuse({ rule: 'required', message: 'is required' });
  const errors: Array<RuleViolation<FieldRule>> = [];
  const length = [...text].length;
  if (length > max)
    errors.push({ rule: 'length', message: `must be at most ${max} characters, is ${length}` });
  const hidden = printable ? /[\p{Cc}\p{Cf}]/u.exec(text) : null;
  if (hidden) {
    errors.push({
      rule: 'characters',
      message: `must not contain control characters; ${describeCharacter(text, hidden.index)}`,
    });
  }
  return errors.length > 0 ? refuse(...errors) : { ok: true, value: text };
}

/** `character 3 is U+0007`, counting characters (code points) from 1. */
function describeCharacter(text: string, utf16Index: number): string {
  const position = [...text.slice(0, utf16Index)].length + 1;
  const codePoint = text.codePointAt(utf16Index)!;
  const shown = /[\p{L}\p{N}\p{P}\p{S}]/u.test(String.fromCodePoint(codePoint))
    ? `"${String.fromCodePoint(codePoint)}" `
    : '';
  return `character ${position} is ${shown}U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

function refuse(...errors: Array<RuleViolation<FieldRule>>): FieldCheck {
  return { ok: false, errors };
}
