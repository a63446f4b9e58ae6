import { describe, expect, it } from 'vitest';
import {
  assertRegistrable,
  normalizePhone,
  registrationProblems,
  type RegistrationInput,
} from '../../src/appeals/domain/registration-requirements';
import { makeBin, makeIin } from '../../src/applicants/identity-number';
import { DomainError } from '../../src/shared/errors';

const now = new Date('2026-04-10T10:00:00+05:00');
const IIN = makeIin('1987-04-12', 'male', 1);
const BIN = makeBin(2015, 3, 1);

function appeal(over: Partial<RegistrationInput> = {}): RegistrationInput {
  return {
    form: 'application',
    channel: 'paper',
    receivedAt: new Date('2026-04-09T15:00:00+05:00'),
    text: 'В селе Каратобе третий месяц нет питьевой воды, просим принять меры.',
    applicants: [
      {
        kind: 'individual',
        fullName: 'Серик Жумабаев',
        iin: IIN,
        address: 'Актюбинская обл., с. Каратобе, ул. Абая, 12',
        phone: '8 (701) 123-45-67',
        email: 'serik@example.kz',
      },
    ],
    ...over,
  };
}

const fields = (input: RegistrationInput) => registrationProblems(input, now).map((p) => p.field);

describe('registration requirements (APPK art. 63)', () => {
  it('a complete appeal from an individual can be registered', () => {
    expect(registrationProblems(appeal(), now)).toEqual([]);
    expect(() => assertRegistrable(appeal(), now)).not.toThrow();
  });

  it('an appeal from a legal entity needs its name and BIN', () => {
    const legal = appeal({
      applicants: [{ kind: 'legal', organizationName: 'ТОО «Ақ Бидай»', bin: BIN, address: 'г. Актобе, пр. Абилкайыр хана, 40' }],
    });
    expect(registrationProblems(legal, now)).toEqual([]);
    expect(fields(appeal({ applicants: [{ kind: 'legal', address: 'г. Актобе, ул. Маресьева, 1' }] }))).toEqual([
      'applicants[0].organizationName',
      'applicants[0].bin',
    ]);
  });

  it("an appeal without the applicant's IIN is rejected, naming the law", () => {
    const p = registrationProblems(appeal({ applicants: [{ ...appeal().applicants[0]!, iin: null }] }), now);
    expect(p).toEqual([{ field: 'applicants[0].iin', message: "APPK art. 63 requires the applicant's IIN" }]);
  });

  it('an IIN with a wrong check digit is rejected', () => {
    const bad = IIN.slice(0, 11) + String((Number(IIN[11]) + 1) % 10);
    expect(fields(appeal({ applicants: [{ ...appeal().applicants[0]!, iin: bad }] }))).toEqual(['applicants[0].iin']);
  });

  it('a BIN with a wrong check digit is rejected', () => {
    const bad = BIN.slice(0, 11) + String((Number(BIN[11]) + 1) % 10);
    const input = appeal({ applicants: [{ kind: 'legal', organizationName: 'ТОО «Ақ Бидай»', bin: bad, address: 'г. Актобе, ул. Маресьева, 1' }] });
    expect(fields(input)).toEqual(['applicants[0].bin']);
  });

  it('the full name is required and must be 2 to 200 characters', () => {
    expect(fields(appeal({ applicants: [{ ...appeal().applicants[0]!, fullName: '  ' }] }))).toEqual(['applicants[0].fullName']);
    expect(fields(appeal({ applicants: [{ ...appeal().applicants[0]!, fullName: 'А' }] }))).toEqual(['applicants[0].fullName']);
    expect(fields(appeal({ applicants: [{ ...appeal().applicants[0]!, fullName: 'А'.repeat(201) }] }))).toEqual(['applicants[0].fullName']);
  });

  it('a postal address is required for every applicant', () => {
    expect(fields(appeal({ applicants: [{ ...appeal().applicants[0]!, address: null }] }))).toEqual(['applicants[0].address']);
    expect(fields(appeal({ applicants: [{ ...appeal().applicants[0]!, address: 'Ақт' }] }))).toEqual(['applicants[0].address']);
  });

  it('an oral appeal at a personal reception still needs the address, written into the protocol', () => {
    const p = registrationProblems(appeal({ channel: 'personal_reception', applicants: [{ ...appeal().applicants[0]!, address: '' }] }), now);
    expect(p).toHaveLength(1);
    expect(p[0]!.message).toMatch(/protocol/);
  });

  it('an appeal without its essence is rejected', () => {
    expect(fields(appeal({ text: '   ' }))).toEqual(['text']);
    expect(fields(appeal({ text: '!!! ??? ... ---' }))).toEqual(['text']);
    expect(fields(appeal({ text: 'Помогите!' }))).toEqual(['text']); // 8 letters
    expect(fields(appeal({ text: 'Нет воды в селе' }))).toEqual([]);
  });

  it('an appeal longer than 20,000 characters is rejected', () => {
    expect(fields(appeal({ text: 'а'.repeat(20_001) }))).toEqual(['text']);
    expect(fields(appeal({ text: 'а'.repeat(20_000) }))).toEqual([]);
  });

  it('an appeal needs an applicant unless it is anonymous', () => {
    expect(fields(appeal({ applicants: [] }))).toEqual(['applicants']);
  });

  it('an anonymous appeal is registered without applicants (and later left without consideration)', () => {
    expect(fields(appeal({ anonymous: true, applicants: [] }))).toEqual([]);
    expect(fields(appeal({ anonymous: true }))).toEqual(['applicants']);
  });

  it('a phone number, if given, must be a Kazakhstan number', () => {
    expect(normalizePhone('8 (701) 123-45-67')).toBe('+77011234567');
    expect(normalizePhone('+7 701 123 45 67')).toBe('+77011234567');
    expect(normalizePhone('77011234567')).toBe('+77011234567');
    expect(normalizePhone('123-45-67')).toBeNull();
    expect(normalizePhone('+998 90 123 45 67')).toBeNull();
    expect(fields(appeal({ applicants: [{ ...appeal().applicants[0]!, phone: '123-45-67' }] }))).toEqual(['applicants[0].phone']);
    expect(fields(appeal({ applicants: [{ ...appeal().applicants[0]!, phone: null }] }))).toEqual([]);
  });

  it('an email, if given, must be valid', () => {
    expect(fields(appeal({ applicants: [{ ...appeal().applicants[0]!, email: 'serik@' }] }))).toEqual(['applicants[0].email']);
    expect(fields(appeal({ applicants: [{ ...appeal().applicants[0]!, email: 'serik example.kz' }] }))).toEqual(['applicants[0].email']);
    expect(fields(appeal({ applicants: [{ ...appeal().applicants[0]!, email: '' }] }))).toEqual([]);
  });

  it('the time of receipt cannot be in the future (5 minutes of clock skew allowed) nor before 2000', () => {
    expect(fields(appeal({ receivedAt: new Date(now.getTime() + 4 * 60_000) }))).toEqual([]);
    expect(fields(appeal({ receivedAt: new Date(now.getTime() + 6 * 60_000) }))).toEqual(['receivedAt']);
    expect(fields(appeal({ receivedAt: new Date('1999-12-31T12:00:00+05:00') }))).toEqual(['receivedAt']);
    expect(fields(appeal({ receivedAt: new Date('not a date') }))).toEqual(['receivedAt']);
  });

  it('a collective appeal counts at least as many signatories as listed applicants', () => {
    const two = [appeal().applicants[0]!, { ...appeal().applicants[0]!, fullName: 'Айгуль Сапарова', iin: makeIin('1990-05-01', 'female', 7) }];
    expect(fields(appeal({ applicants: two, signatoriesCount: 120 }))).toEqual([]);
    expect(fields(appeal({ applicants: two, signatoriesCount: 1 }))).toEqual(['signatoriesCount']);
    expect(fields(appeal({ signatoriesCount: 0 }))).toEqual(['signatoriesCount']);
    expect(fields(appeal({ signatoriesCount: 2.5 }))).toEqual(['signatoriesCount']);
  });

  it('the form and channel must be known', () => {
    expect(fields(appeal({ form: 'petition' }))).toEqual(['form']);
    expect(fields(appeal({ channel: 'telegram' }))).toEqual(['channel']);
  });

  it('the language and the out-of-scope procedure, if given, must be known', () => {
    expect(fields(appeal({ language: 'kk', outOfScope: 'criminal' }))).toEqual([]);
    expect(fields(appeal({ language: 'de' }))).toEqual(['language']);
    expect(fields(appeal({ outOfScope: 'tax' }))).toEqual(['outOfScope']);
  });

  it('reports every problem at once, with field paths, as BAD_USER_INPUT', () => {
    const input = appeal({
      text: '',
      applicants: [
        appeal().applicants[0]!,
        { kind: 'individual', fullName: 'Б', iin: '123', address: null },
      ],
    });
    let error: unknown;
    try {
      assertRegistrable(input, now);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    const de = error as DomainError;
    expect(de.code).toBe('BAD_USER_INPUT');
    expect(de.field).toBe('text');
    expect((de.details as { problems: { field: string }[] }).problems.map((p) => p.field)).toEqual([
      'text',
      'applicants[1].fullName',
      'applicants[1].iin',
      'applicants[1].address',
    ]);
  });
});
