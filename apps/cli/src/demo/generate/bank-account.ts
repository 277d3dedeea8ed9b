import type { Prng } from './prng';

/** Issuer prefixes of 19-digit debit cards (illustrative: 农业银行, 建设银行, 邮储银行 style). */
const PREFIXES = ['622848', '621700', '621799'] as const;

/** A 19-digit card number: prefix, 12 random digits, and a Luhn check digit as real cards carry. */
export function makeBankAccount(prng: Prng): string {
  let body = prng.pick(PREFIXES);
  while (body.length < 18) body += String(prng.int(0, 9));
  return body + luhnCheckDigit(body);
}

/** The digit that makes `body + digit` pass the Luhn (mod 10) check. */
export function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}
