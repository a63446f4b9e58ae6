import { describe, expect, it } from 'vitest';
import { makeIin } from '../../src/applicants/identity-number';
import { WorkingCalendar } from '../../src/calendar/working-calendar';
import { copyField } from '../../src/import/copy';
import { loadMapping, MappingError, validateMapping, type ImportMapping } from '../../src/import/mapping';
import { csvField } from '../../src/import/rejects';
import { isRejection, parseSourceTime, RowMapper, topicCodeFor, type MappedAppeal, type Rejection } from '../../src/import/row-mapper';

const HEADER = ['id', 'district', 'created', 'body', 'kind', 'theme', 'timeline', 'final', 'answered', 'answer', 'executor', 'iin', 'name', 'address'];

const MAPPING: ImportMapping = {
  sourceSystem: 'test-portal',
  timezone: '+03:00',
  region: { code: 'EXTTST000', nameRu: 'Тестовый регион' },
  fields: {
    sourceId: { column: 'id' },
    receivedAt: { column: 'created' },
    text: { column: 'body' },
    form: { column: 'kind', values: { жалоба: 'complaint', заявление: 'application' }, default: 'report' },
    channel: { value: 'electronic' },
  },
  adminUnit: { column: 'district', units: { Северный: { code: 'EXTTST001', nameRu: 'Северный район' } } },
  topic: { column: 'theme', codePrefix: 'TST.T_', branch: { code: 'TST', nameRu: 'Темы теста' } },
  addressee: { nameRu: 'Приёмная', kind: 'akim_apparatus', level: 'region' },
  executor: { columns: ['executor'], kind: 'state_body', level: 'region' },
  status: {
    timelineColumn: 'timeline',
    finalColumn: 'final',
    statuses: { Принято: 'registered', 'В работе': 'assigned', Ответ: 'answered', Закрыто: 'closed' },
  },
  response: { textColumn: 'answer', atColumn: 'answered', decision: { column: 'final', values: { Закрыто: 'satisfied' }, default: 'explained' } },
  applicant: { required: false, iin: { column: 'iin' }, fullName: { column: 'name' }, address: { column: 'address' } },
};

const NOW = new Date('2026-11-27T12:00:00Z');
const mapper = (m: ImportMapping = MAPPING) =>
  new RowMapper(m, HEADER, { calendar: WorkingCalendar.default(), now: NOW, adminUnit: (v) => (v === 'Северный' ? 7 : null) });

const IIN = makeIin('1985-02-15', 'male', 25);

function row(over: Partial<Record<(typeof HEADER)[number], string>> = {}): string[] {
  const base: Record<string, string> = {
    id: '1001',
    district: 'Северный',
    created: '2026-11-10T08:00:00',
    body: 'Во дворе дома 12 по улице Абая третью неделю не вывозят мусор, контейнеры переполнены.',
    kind: 'жалоба',
    theme: '42',
    timeline: '2026-11-10T08:00:00=Принято|2026-11-11T09:30:00=В работе|2026-11-16T14:00:00=Ответ|2026-11-20T10:00:00=Закрыто',
    final: 'Закрыто',
    answered: '2026-11-16T14:00:00',
    answer: 'Мусор вывезен 16 ноября, график вывоза восстановлен.',
    executor: 'Управление благоустройства',
    iin: '',
    name: '',
    address: '',
    ...over,
  };
  return HEADER.map((h) => base[h]);
}

const ok = (x: MappedAppeal | Rejection): MappedAppeal => {
  if (isRejection(x)) throw new Error(`rejected: ${x.reasons.join('; ')}`);
  return x;
};
const reasons = (x: MappedAppeal | Rejection): string[] => (isRejection(x) ? x.reasons : []);

describe('source timestamps', () => {
  it('a time without an offset is read in the mapping’s zone (Moscow time is 2 hours behind Kazakhstan)', () => {
    expect(parseSourceTime('2020-10-18T14:50:40.817676', '+03:00')?.toISOString()).toBe('2020-10-18T11:50:40.817Z');
  });
  it('an explicit offset or Z wins over the mapping’s zone', () => {
    expect(parseSourceTime('2020-10-18 14:50:40+05:00', '+03:00')?.toISOString()).toBe('2020-10-18T09:50:40.000Z');
    expect(parseSourceTime('2020-10-18T14:50:40Z', '+03:00')?.toISOString()).toBe('2020-10-18T14:50:40.000Z');
  });
  it('a bare date is midnight in the zone; impossible dates are not dates', () => {
    expect(parseSourceTime('2021-02-28', '+05:00')?.toISOString()).toBe('2021-02-27T19:00:00.000Z');
    expect(parseSourceTime('2021-04-31T10:00:00', '+05:00')).toBeNull();
    expect(parseSourceTime('вчера', '+05:00')).toBeNull();
  });
});

describe('topic codes for the source’s own classification', () => {
  it('ASCII values are kept (upper-cased); anything else becomes a stable short hash', () => {
    expect(topicCodeFor('SPB.CAT_', '10')).toBe('SPB.CAT_10');
    expect(topicCodeFor('SPB.CAT_', 'roads-and yards')).toBe('SPB.CAT_ROADS_AND_YARDS');
    const h = topicCodeFor('SPB.CAT_', 'Благоустройство');
    expect(h).toMatch(/^SPB\.CAT_H[0-9A-F]{8}$/);
    expect(topicCodeFor('SPB.CAT_', 'Благоустройство')).toBe(h);
    expect(topicCodeFor('SPB.CAT_', 'Кровля')).not.toBe(h);
  });
});

describe('a valid row becomes an appeal', () => {
  it('received on a working morning: registered that day, due 15 working days later, forwarding due in 3', () => {
    const a = ok(mapper().map(row(), 1));
    expect(a.receivedAt.toISOString()).toBe('2026-11-10T05:00:00.000Z');
    expect(a.registrationDate).toBe('2026-11-10');
    expect(a.dueDate).toBe('2026-12-01');
    expect(a.forwardDueDate).toBe('2026-11-13');
    expect(a.form).toBe('complaint');
    expect(a.channel).toBe('electronic');
    expect(a.language).toBe('ru');
    expect(a.adminUnitId).toBe(7);
    expect(a.topic).toEqual({ code: 'TST.T_42', name: '42' });
  });

  it('received on Friday evening (after 18:30 in Kazakhstan): registered on Monday', () => {
    const a = ok(mapper().map(row({ created: '2026-11-13T17:00:00' }), 1));
    expect(a.registrationDate).toBe('2026-11-16');
    expect(a.dueDate).toBe('2026-12-04');
  });

  it('the timeline gives the status and its times; the answer is a response the department accepted', () => {
    const a = ok(mapper().map(row(), 1));
    expect(a.status).toBe('closed');
    expect(a.timeline.map((e) => e.status)).toEqual(['registered', 'assigned', 'answered', 'closed']);
    expect(a.assignedAt?.toISOString()).toBe('2026-11-11T06:30:00.000Z');
    expect(a.answeredAt?.toISOString()).toBe('2026-11-16T11:00:00.000Z');
    expect(a.closedAt?.toISOString()).toBe('2026-11-20T07:00:00.000Z');
    expect(a.finishedAt?.toISOString()).toBe('2026-11-16T11:00:00.000Z');
    expect(a.response).toEqual({ text: 'Мусор вывезен 16 ноября, график вывоза восстановлен.', at: a.answeredAt, decision: 'satisfied' });
    expect(a.executorName).toBe('Управление благоустройства');
  });

  it('an appeal still being worked on has no response and no finish time, even when the file has an interim answer', () => {
    const a = ok(mapper().map(row({ final: 'В работе', timeline: '2026-11-10T08:00:00=Принято|2026-11-11T09:30:00=В работе' }), 1));
    expect(a.status).toBe('assigned');
    expect(a.response).toBeNull();
    expect(a.finishedAt).toBeNull();
    expect(a.answeredAt).toBeNull();
  });

  it('a historical record without an applicant is imported; one with an applicant keeps them', () => {
    expect(ok(mapper().map(row(), 1)).applicant).toBeNull();
    const a = ok(mapper().map(row({ iin: IIN, name: 'Ахметов Болат Серикович', address: 'г. Алматы, ул. Абая, 12' }), 1));
    expect(a.applicant).toMatchObject({ kind: 'individual', iin: IIN, fullName: 'Ахметов Болат Серикович' });
  });
});

describe('history another system registered is kept when it fails only a rule for new registrations', () => {
  it('an essence too short for a new registration ("Автохлам") is imported, flagged with the rule it fails', () => {
    const r = mapper().map(row({ body: 'Автохлам' }), 5);
    expect(isRejection(r)).toBe(false);
    expect(r).toMatchObject({
      text: 'Автохлам',
      registrationDefects: ['text: The essence of the appeal is too short: at least 10 letters or digits are needed (APPK art. 63)'],
    });
    const ok = mapper().map(row({}), 6);
    expect(isRejection(ok) ? null : ok.registrationDefects).toEqual([]);
  });
});

describe('a bad row is refused with every reason at once', () => {
  it('an empty essence (APPK art. 63: nothing to keep)', () => {
    expect(reasons(mapper().map(row({ body: '  ' }), 5))).toEqual(['text: APPK art. 63 requires the essence of the appeal: the text is empty']);
  });

  it('several problems in one row', () => {
    const r = mapper().map(row({ id: '', district: 'Южный', created: '2026-13-01', final: 'Потеряно' }), 9);
    expect(isRejection(r) && r.row).toBe(9);
    expect(reasons(r)).toEqual([
      'sourceId: the source id is empty',
      'receivedAt: "2026-13-01" is not a date and time',
      'adminUnit: unknown district "Южный" (not in the mapping\'s units nor in the region)',
      'status: unknown source status "Потеряно" (add it to status.statuses)',
    ]);
  });

  it('a time of receipt in the future, or before the working calendar starts', () => {
    expect(reasons(mapper().map(row({ created: '2026-12-25T10:00:00' }), 1))).toEqual(['receivedAt: The time of receipt cannot be in the future']);
    expect(reasons(mapper().map(row({ created: '2019-06-03T10:00:00' }), 1))[0]).toMatch(/^receivedAt: outside the working calendar/);
  });

  it('an applicant that is given must have a valid IIN (check digit)', () => {
    const bad = IIN.slice(0, 11) + String((Number(IIN[11]) + 1) % 10);
    expect(reasons(mapper().map(row({ iin: bad, name: 'Ахметов Болат', address: 'г. Алматы, ул. Абая, 12' }), 1))).toEqual([
      'applicant.iin: The IIN is not valid: it must be 12 digits with a real birth date and a correct check digit',
    ]);
  });

  it('a mapping that requires the applicant refuses rows without one', () => {
    const strict = { ...MAPPING, applicant: { ...MAPPING.applicant!, required: true } };
    expect(reasons(mapper(strict).map(row(), 1))[0]).toMatch(/^applicants: APPK art. 63 requires the applicant/);
  });

  it('a value the mapping cannot translate', () => {
    const m = { ...MAPPING, fields: { ...MAPPING.fields, form: { column: 'kind', values: { жалоба: 'complaint' } } } };
    expect(reasons(mapper(m as ImportMapping).map(row({ kind: 'петиция' }), 1))).toEqual([
      'form: value "петиция" is not in the mapping\'s form values',
    ]);
  });
});

describe('the mapping file is checked once, every problem listed', () => {
  it('reports unknown columns, statuses outside our vocabulary and a bad source system together', () => {
    const bad = {
      ...MAPPING,
      sourceSystem: 'Test Portal',
      adminUnit: { column: 'raion', units: MAPPING.adminUnit.units },
      status: { ...MAPPING.status, statuses: { Принято: 'accepted' } },
    };
    let err: MappingError | null = null;
    try {
      validateMapping(bad, HEADER);
    } catch (e) {
      err = e as MappingError;
    }
    expect(err).toBeInstanceOf(MappingError);
    expect(err!.problems).toEqual([
      'sourceSystem: 1-64 lower-case letters, digits, ".", "_" or "-"',
      `adminUnit: column "raion" is not in the file (columns: ${HEADER.join(', ')})`,
      'status.statuses["Принято"]: "accepted" is not one of registered, assigned, in_progress, answered, returned_for_rework, closed, forwarded, left_without_consideration',
    ]);
  });

  it('the worked example for the St Petersburg portal is a valid mapping', () => {
    const m = loadMapping('imports/spb-portal.json');
    expect(Object.keys(m.adminUnit.units!)).toHaveLength(18);
    expect(Object.values(m.adminUnit.units!).every((u) => /^EXTSPB\d{3}$/.test(u.code))).toBe(true);
  });
});

describe('encodings', () => {
  it('COPY text fields escape backslash, tab and newlines; null is \\N', () => {
    expect(copyField('a\tb\nc\\d\re')).toBe('a\\tb\\nc\\\\d\\re');
    expect(copyField(null)).toBe('\\N');
    expect(copyField(true)).toBe('t');
    expect(copyField(['x', 'y "z"'])).toBe('{"x","y \\\\"z\\\\""}');
    expect(copyField({ a: 'b\n' })).toBe('{"a":"b\\\\n"}');
  });
  it('rejects-file fields are quoted only when needed', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"\n')).toBe('"say ""hi""\n"');
    expect(csvField(null)).toBe('');
  });
});
