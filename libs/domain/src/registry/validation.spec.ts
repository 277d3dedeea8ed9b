import { checkBankAccount, checkName, checkReason, checkTownship } from './validation';

const messages = (result: ReturnType<typeof checkName>): string[] =>
  result.ok ? [] : result.errors.map((e) => e.message);

describe('registry field rules', () => {
  describe('name (姓名)', () => {
    it('is trimmed', () => {
      expect(checkName('  张三 ')).toEqual({ ok: true, value: '张三' });
    });

    it('counts characters, not bytes: 50 Chinese characters fit, 51 do not', () => {
      expect(checkName('张'.repeat(50)).ok).toBe(true);
      expect(messages(checkName('张'.repeat(51)))).toEqual(['must be at most 50 characters, is 51']);
    });

    it('is required', () => {
      expect(messages(checkName('   '))).toEqual(['is required']);
      expect(messages(checkName(undefined))).toEqual(['must be a string']);
    });

    it('has no control or invisible characters', () => {
      expect(messages(checkName('张\u0007三'))).toEqual([
        'must not contain control characters; character 2 is U+0007',
      ]);
      expect(messages(checkName('李\n四'))).toEqual([
        'must not contain control characters; character 2 is U+000A',
      ]);
      expect(messages(checkName('王\u200B五'))).toEqual([
        'must not contain control characters; character 2 is U+200B',
      ]);
      expect(checkName('\uFEFF王五')).toEqual({ ok: true, value: '王五' }); // a byte-order mark at the edge is trimmed
    });
  });

  describe('township (乡镇)', () => {
    it('is trimmed, 1–50 characters', () => {
      expect(checkTownship(' 梅山镇 ')).toEqual({ ok: true, value: '梅山镇' });
      expect(messages(checkTownship(''))).toEqual(['is required']);
      expect(messages(checkTownship('镇'.repeat(51)))).toEqual(['must be at most 50 characters, is 51']);
    });
  });

  describe('bank account (银行账号)', () => {
    it('is 12–30 digits, kept as typed', () => {
      expect(checkBankAccount('621700123456')).toEqual({ ok: true, value: '621700123456' });
      expect(checkBankAccount('1'.repeat(30)).ok).toBe(true);
    });

    it('names a character that is not a digit', () => {
      expect(messages(checkBankAccount('6217 0012 3456 7890'))).toEqual([
        'must be digits only; character 5 is U+0020',
      ]);
      expect(messages(checkBankAccount('62170012345678９0'))).toEqual([
        'must be digits only; character 15 is "９" U+FF19',
      ]);
    });

    it('names the length when too short or too long', () => {
      expect(messages(checkBankAccount('62170012345'))).toEqual(['must be 12–30 digits long, is 11']);
      expect(messages(checkBankAccount('1'.repeat(31)))).toEqual(['must be 12–30 digits long, is 31']);
      expect(messages(checkBankAccount('621-00'))).toEqual([
        'must be digits only; character 4 is "-" U+002D',
        'must be 12–30 digits long, is 6',
      ]);
    });

    it('is required and a string', () => {
      expect(messages(checkBankAccount(''))).toEqual(['is required']);
      expect(messages(checkBankAccount(6217001234567890))).toEqual(['must be a string of digits']);
    });
  });

  describe('reason', () => {
    it('is required, at most 500 characters; line breaks are fine', () => {
      expect(checkReason('card lost;\nnew card issued')).toEqual({
        ok: true,
        value: 'card lost;\nnew card issued',
      });
      expect(messages(checkReason(' '))).toEqual(['is required']);
      expect(messages(checkReason('x'.repeat(501)))).toEqual(['must be at most 500 characters, is 501']);
    });
  });
});
