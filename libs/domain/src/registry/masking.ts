/**
 * Personal numbers shown outside the person's own record are masked (个人信息脱敏). Masks keep the length, so
 * a reader still sees what kind of number it is; a value too short to keep anything is masked whole.
 * The bank file is the one place that carries the full bank account (the bank needs it to pay).
 */

/** `341522199003071234` → `341522********1234`: area code and last 4 kept, birth date and sequence hidden. */
export function maskIdNumber(idNumber: string): string {
  return maskMiddle(idNumber, 6, 4);
}

/** `34152219900307123441` → `341522********123441`: the ID part masked as above, category and grade kept. */
export function maskCertificateNumber(certificateNumber: string): string {
  const chars = [...certificateNumber];
  if (chars.length <= 6 + 4 + 2) return mask(certificateNumber);
  return maskIdNumber(chars.slice(0, -2).join('')) + chars.slice(-2).join('');
}

/** `6217001234561234` → `************1234`: only the last 4 digits kept. */
export function maskBankAccount(bankAccount: string): string {
  return maskMiddle(bankAccount, 0, 4);
}

/** Keeps `head` characters at the start and `tail` at the end, masking the rest; masks all if nothing is left between. */
function maskMiddle(value: string, head: number, tail: number): string {
  const chars = [...value];
  if (chars.length <= head + tail) return mask(value);
  return (
    chars.slice(0, head).join('') +
    '*'.repeat(chars.length - head - tail) +
    chars.slice(chars.length - tail).join('')
  );
}

function mask(value: string): string {
  return '*'.repeat([...value].length);
}
