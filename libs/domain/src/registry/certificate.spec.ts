import fc from 'fast-check';
import {
  CATEGORIES,
  GRADES,
  idNumberOf,
  makeCertificateNumber,
  parseCertificateNumber,
  type Category,
  type Grade,
} from './certificate';
import { makeIdNumber } from './id-number';

const TODAY = '2025-06-01';
const ID = makeIdNumber('341524', '1990-03-07', 1); // 341524199003070011… Jinzhai, male

const messagesOf = (input: string): string[] => {
  const result = parseCertificateNumber(input, TODAY);
  return result.ok ? [] : result.errors.map((e) => e.message);
};

describe('disability certificate number (残疾人证号, second generation)', () => {
  it('is the ID number + category digit + grade digit, and parses back to the person', () => {
    const cert = makeCertificateNumber(ID, 'physical', 3);
    expect(cert).toBe(`${ID}43`);
    expect(parseCertificateNumber(cert, TODAY)).toEqual({
      ok: true,
      value: {
        certificateNumber: cert,
        idNumber: ID,
        birthDate: '1990-03-07',
        sex: 'male',
        category: 'physical',
        grade: 3,
      },
    });
  });

  it.each<[Category, string]>([
    ['visual', '1'], // 视力
    ['hearing', '2'], // 听力
    ['speech', '3'], // 言语
    ['physical', '4'], // 肢体
    ['intellectual', '5'], // 智力
    ['mental', '6'], // 精神
    ['multiple', '7'], // 多重
  ])('category %s is digit %s', (category, digit) => {
    expect(makeCertificateNumber(ID, category, 1)).toBe(`${ID}${digit}1`);
  });

  it('accepts a lower-case x check character and normalises it to X', () => {
    const upper = makeCertificateNumber('11010519491231002X', 'mental', 2);
    const result = parseCertificateNumber(upper.toLowerCase(), TODAY);
    expect(result.ok && result.value).toMatchObject({
      certificateNumber: '11010519491231002X62',
      idNumber: '11010519491231002X',
    });
    expect(makeCertificateNumber('11010519491231002x', 'mental', 2)).toBe('11010519491231002X62');
    expect(idNumberOf('11010519491231002x62')).toBe('11010519491231002X');
  });

  describe('refusals name the rule', () => {
    it('the wrong length', () => {
      expect(messagesOf(`${ID}4`)).toEqual([
        'must be 20 characters (18-character ID number, category digit, grade digit), is 19',
      ]);
    });

    it('a category digit outside 1–7 and a grade digit outside 1–4', () => {
      expect(messagesOf(`${ID}80`)).toEqual([
        'category digit (character 19) must be 1–7 (1 visual … 7 multiple), is "8"',
        'grade digit (character 20) must be 1–4, is "0"',
      ]);
      expect(messagesOf(`${ID}0A`)).toEqual([
        'category digit (character 19) must be 1–7 (1 visual … 7 multiple), is "0"',
        'grade digit (character 20) must be 1–4, is "A"',
      ]);
    });

    it('the ID part’s check character, alongside a bad grade', () => {
      const wrongCheck = ID.slice(0, 17) + (ID[17] === '5' ? '6' : '5');
      expect(messagesOf(`${wrongCheck}45`)).toEqual([
        `check character should be ${ID[17]}, is ${wrongCheck[17]}`,
        'grade digit (character 20) must be 1–4, is "5"',
      ]);
    });

    it('a birth date in the future', () => {
      const unborn = makeIdNumber('341524', '2026-01-01', 2);
      expect(messagesOf(`${unborn}11`)).toEqual(['birth date 2026-01-01 is after today, 2025-06-01']);
    });
  });

  it('makeCertificateNumber refuses an ID number with a wrong check character', () => {
    expect(() => makeCertificateNumber('110105194912310025', 'visual', 1)).toThrow('not a well-formed');
    expect(() => makeCertificateNumber('11010519491231002', 'visual', 1)).toThrow('not a well-formed');
  });

  it('property: every certificate made round-trips to its ID number, category and grade', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999 }),
        fc.constantFrom(...CATEGORIES),
        fc.constantFrom(...GRADES),
        (seq: number, category: Category, grade: Grade) => {
          const idNumber = makeIdNumber('341524', '1985-11-30', seq);
          const result = parseCertificateNumber(makeCertificateNumber(idNumber, category, grade), TODAY);
          expect(result.ok && [result.value.idNumber, result.value.category, result.value.grade]).toEqual([
            idNumber,
            category,
            grade,
          ]);
        },
      ),
    );
  });
});
