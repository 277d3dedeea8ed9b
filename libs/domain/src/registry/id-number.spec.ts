import fc from 'fast-check';
import { idCheckCharacter, makeIdNumber, parseIdNumber } from './id-number';

const TODAY = '2025-06-01';
/** The worked example of GB 11643 itself: Beijing Chaoyang, born 1949-12-31, sequence 002, check X. */
const STANDARD_EXAMPLE = '11010519491231002X';

const rulesOf = (input: string, today = TODAY): string[] => {
  const result = parseIdNumber(input, today);
  return result.ok ? [] : result.errors.map((e) => e.rule);
};
const messagesOf = (input: string, today = TODAY): string[] => {
  const result = parseIdNumber(input, today);
  return result.ok ? [] : result.errors.map((e) => e.message);
};

/** Province codes the generator draws from (GB/T 2260). */
const provinces = fc.constantFrom('11', '34', '44', '65', '81');
const areaCodes = fc
  .tuple(provinces, fc.integer({ min: 0, max: 9999 }))
  .map(([p, n]) => p + String(n).padStart(4, '0'));
const birthDates = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date(`${TODAY}T00:00:00Z`), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const sequences = fc.integer({ min: 0, max: 999 });
const validIds = fc.tuple(areaCodes, birthDates, sequences).map(([a, b, s]) => makeIdNumber(a, b, s));

describe('resident ID number (居民身份证号, GB 11643)', () => {
  describe('a valid number', () => {
    it('parses the standard’s own example into area, birth date and sex', () => {
      expect(parseIdNumber(STANDARD_EXAMPLE, TODAY)).toEqual({
        ok: true,
        value: { idNumber: STANDARD_EXAMPLE, areaCode: '110105', birthDate: '1949-12-31', sex: 'female' },
      });
    });

    it('reads the sex from the sequence: odd is male, even is female', () => {
      const male = parseIdNumber(makeIdNumber('341524', '1990-03-07', 1), TODAY);
      const female = parseIdNumber(makeIdNumber('341524', '1990-03-07', 2), TODAY);
      expect(male.ok && male.value.sex).toBe('male');
      expect(female.ok && female.value.sex).toBe('female');
    });

    it('accepts a lower-case check character and answers it upper-case', () => {
      const result = parseIdNumber(STANDARD_EXAMPLE.toLowerCase(), TODAY);
      expect(result.ok && result.value.idNumber).toBe(STANDARD_EXAMPLE);
    });

    it('accepts a person born today and one born on 1900-01-01', () => {
      expect(rulesOf(makeIdNumber('341524', TODAY, 1))).toEqual([]);
      expect(rulesOf(makeIdNumber('341524', '1900-01-01', 1))).toEqual([]);
    });
  });

  describe('refusals name the rule and the value', () => {
    it('a wrong check character', () => {
      expect(messagesOf('110105194912310025')).toEqual(['check character should be X, is 5']);
    });

    it('a check character that is no digit or X', () => {
      expect(parseIdNumber('11010519491231002Y', TODAY)).toEqual({
        ok: false,
        errors: [{ rule: 'check', message: 'check character should be X, is Y' }],
      });
    });

    it('the wrong length', () => {
      expect(messagesOf('11010519491231002')).toEqual(['must be 18 characters, is 17']);
      expect(messagesOf('11010519491231002X1')).toEqual(['must be 18 characters, is 19']);
    });

    it('a letter among the first 17 characters', () => {
      expect(messagesOf('1101051949A231002X')).toEqual([
        'characters 1–17 must be digits; character 11 is "A"',
      ]);
    });

    it('a birth date that is no calendar date', () => {
      const id = withCheck('34152419900230001');
      expect(messagesOf(id)).toEqual(['birth date 19900230 (characters 7–14) is not a calendar date']);
    });

    it('a birth date after today, and one before 1900', () => {
      expect(messagesOf(makeIdNumber('341524', '2025-06-02', 1))).toEqual([
        'birth date 2025-06-02 is after today, 2025-06-01',
      ]);
      expect(messagesOf(makeIdNumber('341524', '1899-12-31', 1))).toEqual([
        'birth date 1899-12-31 is before 1900-01-01',
      ]);
    });

    it('an area code outside every province', () => {
      expect(messagesOf(makeIdNumber('991524', '1990-03-07', 1))).toEqual([
        'area code 991524 does not start with a province code (GB/T 2260); 99 is none',
      ]);
    });

    it('every rule broken at once', () => {
      expect(rulesOf('991524199002300010')).toEqual(['area', 'birth-date', 'check']);
    });
  });

  describe('makeIdNumber', () => {
    it('computes the check character of the standard’s example', () => {
      expect(makeIdNumber('110105', '1949-12-31', 2)).toBe(STANDARD_EXAMPLE);
      expect(idCheckCharacter('11010519491231002')).toBe('X');
    });

    it('refuses parts that cannot make a number', () => {
      expect(() => makeIdNumber('34152', '1990-03-07', 1)).toThrow('area code must be 6 digits');
      expect(() => makeIdNumber('341524', '1990-02-30', 1)).toThrow('birth date must be a calendar date');
      expect(() => makeIdNumber('341524', '1990-03-07', 1000)).toThrow('sequence must be an integer 0–999');
    });
  });

  describe('properties', () => {
    it('every number made round-trips: parsing gives back its area, birth date and sex', () => {
      fc.assert(
        fc.property(areaCodes, birthDates, sequences, (area, birthDate, seq) => {
          const idNumber = makeIdNumber(area, birthDate, seq);
          const sex = seq % 2 === 1 ? 'male' : 'female';
          expect(parseIdNumber(idNumber, TODAY)).toEqual({
            ok: true,
            value: { idNumber, areaCode: area, birthDate, sex },
          });
        }),
      );
    });

    it('any single changed digit is caught by the checksum (weights are non-zero mod 11, 11 is prime)', () => {
      fc.assert(
        fc.property(
          validIds,
          fc.integer({ min: 0, max: 16 }),
          fc.integer({ min: 1, max: 9 }),
          (id, at, shift) => {
            const digit = String((Number(id[at]) + shift) % 10);
            const changed = id.slice(0, at) + digit + id.slice(at + 1);
            expect(rulesOf(changed)).toContain('check');
          },
        ),
      );
    });

    it('any changed check character is caught', () => {
      fc.assert(
        fc.property(validIds, fc.constantFrom(...'0123456789X'), (id, check) => {
          fc.pre(check !== id[17]);
          expect(messagesOf(id.slice(0, 17) + check)).toContain(
            `check character should be ${id[17]}, is ${check}`,
          );
        }),
      );
    });

    it('any swap of two different adjacent digits is caught', () => {
      fc.assert(
        fc.property(validIds, fc.integer({ min: 0, max: 15 }), (id, at) => {
          fc.pre(id[at] !== id[at + 1]);
          const swapped = id.slice(0, at) + id[at + 1] + id[at] + id.slice(at + 2);
          expect(parseIdNumber(swapped, TODAY).ok).toBe(false);
        }),
      );
    });
  });
});

function withCheck(first17: string): string {
  return first17 + idCheckCharacter(first17);
}
