import fc from 'fast-check';
import { maskBankAccount, maskCertificateNumber, maskIdNumber } from './masking';

describe('masking personal numbers (脱敏)', () => {
  it('an ID number keeps its area code and last 4', () => {
    expect(maskIdNumber('341522199003071234')).toBe('341522********1234');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });

  it('a certificate number masks its ID part the same way and keeps category and grade', () => {
    expect(maskCertificateNumber('34152219900307123441')).toBe('341522********123441');
  });

  it('a bank account keeps its last 4', () => {
    expect(maskBankAccount('6217001234561234')).toBe('************1234');
  });

  it('a value too short to keep anything is masked whole', () => {
    expect(maskBankAccount('1234')).toBe('****');
    expect(maskIdNumber('1234567890')).toBe('**********');
    expect(maskCertificateNumber('123456789012')).toBe('************');
    expect(maskIdNumber('')).toBe('');
  });

  it('property: a bank account keeps its length and shows only its last 4 digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12,30}$/), (account) => {
        const masked = maskBankAccount(account);
        expect(masked).toHaveLength(account.length);
        expect(masked.slice(-4)).toBe(account.slice(-4));
        expect(masked.slice(0, -4)).toMatch(/^\*+$/);
      }),
    );
  });

  it('property: masking twice changes nothing more', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}[\dX]\d{2}$/), (cert) => {
        const once = maskCertificateNumber(cert);
        expect(maskCertificateNumber(once)).toBe(once);
        expect(once.slice(6, 14)).toBe('********'); // the birth date is never shown
      }),
    );
  });
});
