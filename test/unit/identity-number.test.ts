import { describe, expect, it } from 'vitest';
import { checkDigit, iinBirthDate, iinSex, isValidBin, isValidIin, makeBin, makeIin } from '../../src/applicants/identity-number';

describe('IIN', () => {
  it('a man born on 12 April 1987 with serial 0001 has IIN 870412300017', () => {
    // weights 1..11 over 8 7 0 4 1 2 3 0 0 0 1: 8+14+0+16+5+12+21+0+0+0+11 = 87; 87 mod 11 = 10 → second weights
    // 3..11,1,2: 24+28+0+24+7+16+27+0+0+0+2 = 128; 128 mod 11 = 7
    expect(checkDigit('87041230001')).toBe(7);
    expect(makeIin('1987-04-12', 'male', 1)).toBe('870412300017');
    expect(isValidIin('870412300017')).toBe(true);
  });

  it('an IIN with a wrong check digit is rejected', () => {
    expect(isValidIin('870412300018')).toBe(false);
  });

  it('an IIN whose check digit is impossible is never valid', () => {
    // first: 8+14+0+16+5+12+21+0+0+0+88 = 164 → 10; second: 24+28+0+24+7+16+27+0+0+0+16 = 142 → 10
    expect(checkDigit('87041230008')).toBeNull();
    for (let d = 0; d <= 9; d++) expect(isValidIin(`87041230008${d}`)).toBe(false);
  });

  it('makeIin skips an impossible serial and takes the next one', () => {
    expect(makeIin('1987-04-12', 'male', 8)).toBe('870412300091');
  });

  it('reads the birth date and sex from the IIN', () => {
    const woman = makeIin('2001-11-30', 'female', 1234);
    expect(woman.slice(6, 7)).toBe('6');
    expect(iinBirthDate(woman)).toBe('2001-11-30');
    expect(iinSex(woman)).toBe('female');
    expect(iinBirthDate('870412300017')).toBe('1987-04-12');
    expect(iinSex('870412300017')).toBe('male');
    expect(iinBirthDate(makeIin('1899-12-31', 'female', 5))).toBe('1899-12-31');
  });

  it('an IIN with an impossible birth date is rejected even with a correct check digit', () => {
    const first11 = '87023030001'; // 30 February 1987
    const c = checkDigit(first11);
    expect(c).not.toBeNull();
    expect(isValidIin(`${first11}${c}`)).toBe(false);
    expect(iinBirthDate(`${first11}${c}`)).toBeNull();
  });

  it('an IIN with a century/sex digit outside 1-6 is rejected', () => {
    for (const digit of ['0', '7']) {
      const first11 = `870412${digit}0001`;
      const c = checkDigit(first11);
      if (c !== null) expect(isValidIin(`${first11}${c}`)).toBe(false);
      expect(iinSex(`${first11}0`)).toBeNull();
    }
  });

  it('an IIN must be exactly 12 digits', () => {
    expect(isValidIin('87041230001')).toBe(false);
    expect(isValidIin('8704123000170')).toBe(false);
    expect(isValidIin('87041230001a')).toBe(false);
    expect(isValidIin(' 870412300017')).toBe(false);
  });

  it('generated IINs are always valid', () => {
    for (let serial = 0; serial < 200; serial++) {
      expect(isValidIin(makeIin('1990-01-01', serial % 2 ? 'male' : 'female', serial))).toBe(true);
    }
  });

  it('makeIin refuses impossible input', () => {
    expect(() => makeIin('1987-02-30', 'male', 1)).toThrow(RangeError);
    expect(() => makeIin('1987-04-12', 'male', 10_000)).toThrow(RangeError);
  });
});

describe('BIN', () => {
  it('a legal entity registered in March 2015 gets a valid BIN with type digit 4', () => {
    const bin = makeBin(2015, 3, 1);
    expect(bin).toBe('150340000015');
    expect(isValidBin(bin)).toBe(true);
  });

  it('a BIN with a wrong check digit is rejected', () => {
    expect(isValidBin('150340000016')).toBe(false);
  });

  it('a BIN with an unknown entity type is rejected', () => {
    const first11 = '15033000001'; // type digit 3
    const c = checkDigit(first11);
    expect(c).not.toBeNull();
    expect(isValidBin(`${first11}${c}`)).toBe(false);
  });

  it('a BIN with month 13 is rejected', () => {
    const first11 = '15134000001';
    const c = checkDigit(first11);
    expect(c).not.toBeNull();
    expect(isValidBin(`${first11}${c}`)).toBe(false);
  });

  it('an IIN is not a BIN', () => {
    expect(isValidBin('870412300017')).toBe(false);
  });

  it('generated BINs are always valid', () => {
    for (let serial = 0; serial < 200; serial++) expect(isValidBin(makeBin(2000 + (serial % 25), (serial % 12) + 1, serial))).toBe(true);
  });
});
