import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/access/actor';
import {
  maskPersonalDataDeep,
  maskPersonalDataInText,
  personalDataAccess,
  presentApplicant,
  presentAppealText,
} from '../../src/access/personal-data';
import type { Role } from '../../src/users/roles';

const actor = (...roles: Role[]): Actor => ({ userId: 'u', roles, organizationId: 'o', regionId: 1, system: false });

describe('who sees personal data', () => {
  it('in full: the department, executors and trusted in-process callers; masked: analyst, auditor; none: liaison', () => {
    for (const r of ['admin', 'head', 'deputy_head', 'specialist', 'executor'] as Role[]) expect(personalDataAccess(actor(r)), r).toBe('full');
    expect(personalDataAccess(actor('analyst'))).toBe('masked');
    expect(personalDataAccess(actor('auditor'))).toBe('masked');
    expect(personalDataAccess(actor('liaison'))).toBe('none');
    expect(personalDataAccess(actor())).toBe('none');
    expect(personalDataAccess(actor('liaison', 'specialist'))).toBe('full');
  });

  it('an applicant: whole, initials and stars, or nothing', () => {
    const a = {
      id: 'p1',
      kind: 'individual' as const,
      fullName: 'Сапарова Айгерим Нурлановна',
      iin: '900101400013',
      organizationName: null,
      bin: null,
      phone: '+7 (701) 123-45-67',
      email: 'aigerim@example.kz',
      address: 'с. Шелек, ул. Абая, 12',
      adminUnitId: '5',
      masked: false,
    };
    expect(presentApplicant(actor('specialist'), a)).toBe(a);
    expect(presentApplicant(actor('analyst'), a)).toMatchObject({
      fullName: 'С. А. Н.',
      iin: '************',
      phone: '***********',
      email: '***',
      address: null,
      masked: true,
    });
    expect(presentApplicant(actor('liaison'), a)).toBeNull();
  });

  it('appeal texts: as written for the department, masked for the analyst', () => {
    const t = 'Я, Сапарова Айгерим Нурлановна, ИИН 900101400013.';
    expect(presentAppealText(actor('head'), t)).toBe(t);
    expect(presentAppealText(actor('analyst'), t)).toBe('Я, [name], ИИН [IIN/BIN].');
  });
});

describe('masking personal data inside free text', () => {
  const cases: [string, string][] = [
    // IIN / BIN, also in groups
    ['ИИН 900101400013', 'ИИН [IIN/BIN]'],
    ['ИИН: 900101 400013', 'ИИН: [IIN/BIN]'],
    ['БИН 1504-4001-2344', 'БИН [IIN/BIN]'],
    ['ИИН 900 101 400 013.', 'ИИН [IIN/BIN].'],
    // phones: +7 and 8, spaces, dashes, parentheses; a mobile without prefix; a city number after "тел."
    ['+7 (701) 123-45-67', '[phone]'],
    ['+77011234567', '[phone]'],
    ['8 701 123 45 67', '[phone]'],
    ['8-701-123-45-67', '[phone]'],
    ['8(727)2505050', '[phone]'],
    ['87011234567', '[phone]'],
    ['звонить 701 123 45 67', 'звонить [phone]'],
    ['тел. 250-50-50', 'тел. [phone]'],
    ['Телефон: 25 05 05', 'Телефон: [phone]'],
    ['ұялы 8 777 000 11 22', 'ұялы [phone]'],
    // e-mails, Latin, Cyrillic and Kazakh letters
    ['aigerim.saparova@example.kz', '[e-mail]'],
    ['Test.User+1@Mail.RU', '[e-mail]'],
    ['айгерим@пошта.қаз', '[e-mail]'],
    ['почта: ерлан_85@почта.рф.', 'почта: [e-mail].'],
    // full names in any case, with initials, in Kazakh and Latin forms
    ['Я, Сапарова Айгерим Нурлановна, прошу', 'Я, [name], прошу'],
    ['жалоба Ахметова Болата Ерлановича', 'жалоба [name]'],
    ['Позвоните Сапаровой Айгерим Нурлановне', 'Позвоните [name]'],
    ['ответ Жумабеков Д. Е. получил', 'ответ [name] получил'],
    ['И. О. Петров', '[name]'],
    ['Айгерим Нұрланқызы', '[name]'],
    ['Ерлан Болатұлы', '[name]'],
    ['Saparova Aigerim Nurlanqyzy', '[name]'],
    // flats
    ['ул. Абая, 12, кв. 34', 'ул. Абая, 12, кв. [*]'],
  ];
  for (const [input, expected] of cases) it(`${input} → ${expected}`, () => expect(maskPersonalDataInText(input)).toBe(expected));

  it('leaves what is not personal data: places, organizations, dates, sums, registration numbers, ids', () => {
    const kept = [
      'В селе Шелек Енбекшиказахского района Алматинской области нет воды по улице Абая, 12.',
      'Отдел мониторинга рассмотрения обращений, аппарат акима Алматинской области',
      'Срок до 2026-03-27, сумма 75 000 тенге, 2 500 000 тенге',
      'Рег. номер 19-2026-000123, KATO 194000000',
      'id 123e4567-e89b-12d3-a456-426614174000 и 00000000-0000-4000-8000-123456789012',
      '2026-03-02T10:00:00.000Z',
    ];
    for (const t of kept) expect(maskPersonalDataInText(t)).toBe(t);
  });

  it('masks JSON values deeply and keeps keys and non-text values', () => {
    expect(maskPersonalDataDeep({ comment: 'тел. 8 701 123 45 67', round: 2, nested: [{ iin: '900101400013' }], at: null })).toEqual({
      comment: 'тел. [phone]',
      round: 2,
      nested: [{ iin: '[IIN/BIN]' }],
      at: null,
    });
  });

  it('is idempotent and never reveals a masked IIN, phone or e-mail, whatever surrounds it (property)', () => {
    const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
    const secret = fc.oneof(
      digits(12),
      digits(10).map((d) => `+7 (${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`),
      digits(10).map((d) => `8 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6, 8)} ${d.slice(8)}`),
      fc.constantFrom('a.b@mail.kz', 'айгерим@пошта.қаз', 'x_1@gov.kz'),
    );
    const filler = fc.string({ maxLength: 30 }).map((s) => s.replace(/[\d@+\p{L}]/gu, ' '));
    fc.assert(
      fc.property(filler, secret, filler, (a, s, b) => {
        const masked = maskPersonalDataInText(`${a} ${s} ${b}`);
        expect(masked).not.toContain(s);
        expect(maskPersonalDataInText(masked)).toBe(masked);
      }),
      { numRuns: 300 },
    );
  });

  it('takes linear time on huge inputs (no catastrophic backtracking)', () => {
    const started = performance.now();
    for (const s of ['a'.repeat(1_000_000), '1'.repeat(1_000_000), 'Аа '.repeat(300_000), `${'a.'.repeat(300_000)}@`, `${'+7 '.repeat(200_000)}`]) {
      maskPersonalDataInText(s);
    }
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});
