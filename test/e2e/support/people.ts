/** Test people with valid certificate numbers (GB 11643 check character), made the way the bureau does. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const CATEGORY_DIGIT = { visual: 1, hearing: 2, speech: 3, physical: 4, intellectual: 5, mental: 6, multiple: 7 };

export type TestCategory = keyof typeof CATEGORY_DIGIT;

export function idNumber(birthDate: string, seq: number, area = '341524'): string {
  const body = `${area}${birthDate.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * WEIGHTS[i]!, 0);
  return body + CHECK[sum % 11]!;
}

export function certificateNumber(birthDate: string, seq: number, category: TestCategory, grade: number): string {
  return `${idNumber(birthDate, seq)}${CATEGORY_DIGIT[category]}${grade}`;
}

let counter = 0;
/** A registration body for a new person (unique sequence numbers within a test run). */
export function person(
  opts: { birthDate?: string; category?: TestCategory; grade?: number; township?: string; name?: string } = {},
): { certificateNumber: string; name: string; township: string; bankAccount: string } {
  counter += 1;
  return {
    certificateNumber: certificateNumber(
      opts.birthDate ?? '1990-03-07',
      (counter % 999) + 1,
      opts.category ?? 'intellectual',
      opts.grade ?? 2,
    ),
    name: opts.name ?? `测试${counter}`,
    township: opts.township ?? '梅山镇',
    bankAccount: `62170012${String(100000000 + counter)}`,
  };
}
