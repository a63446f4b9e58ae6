/**
 * similarAppeals (issue 4): a specialist looking at one appeal sees the near-copies of its letter, the same
 * problem in other words and the applicant's other appeals — not unrelated ones — with each role's view of
 * personal data and an executor's view limited to its organization's appeals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssignAppealDocument, RegisterAppealDocument, SimilarAppealsDocument, type RegisterAppealInput } from '../generated/graphql';
import { startTestApp, type TestApp } from '../support/app';
import { createWorld, type TestWorld } from '../support/world';

/** A valid IIN for person n (check digit as the law says). */
function iinFor(n: number): string {
  for (let serial = n * 11; ; serial++) {
    const first11 = `88${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}4${String(serial % 10000).padStart(4, '0')}`;
    let s = 0;
    for (let i = 0; i < 11; i++) s += Number(first11[i]) * (i + 1);
    let c = s % 11;
    if (c === 10) {
      const w = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
      s = 0;
      for (let i = 0; i < 11; i++) s += Number(first11[i]) * w[i];
      c = s % 11;
      if (c === 10) continue;
    }
    return first11 + c;
  }
}

const LETTER =
  'Уважаемый аким! Мы, родители учеников школы имени Абая в селе Каракемер, просим восстановить школьный автобус. ' +
  'С 1 февраля автобус не ходит, дети из отдалённых улиц идут в школу пешком 4 километра по трассе в темноте. ' +
  'Акимат сельского округа ссылается на отсутствие водителя. Просим срочно решить вопрос с подвозом детей.';

let app: TestApp;
let w: TestWorld;
const ids = { copies: [] as string[], paraphrase: '', potholes: '', heating: '', sameApplicantOther: '' };

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
  app.clock.set('2026-02-20T18:00:00+05:00');
  let person = 0;
  const applicant = () => {
    const n = ++person;
    return { kind: 'INDIVIDUAL' as const, fullName: `Омарова Динара ${n}`, iin: iinFor(n), address: `с. Каракемер, ул. Абая, ${n}`, phone: `+7702${String(10_000_000 + n).slice(1)}` };
  };
  const register = async (input: Partial<RegisterAppealInput> & Pick<RegisterAppealInput, 'text' | 'receivedAt' | 'applicants'>) =>
    (
      await app.ok(
        RegisterAppealDocument,
        { input: { form: 'APPLICATION', channel: 'EOTINISH', addresseeId: w.orgs.apparatus, adminUnitId: w.districts.enbekshikazakh.id, topicId: w.topics.roads, ...input } },
        w.users.specialist.token,
      )
    ).registerAppeal.id;
  const first = applicant();
  for (let i = 0; i < 4; i++) {
    ids.copies.push(
      await register({
        text: LETTER + (i === 0 ? ' Контактный телефон +7 701 222 33 44.' : i === 2 ? ' Подписались 40 родителей.' : ''),
        receivedAt: `2026-02-1${i}T10:00:00+05:00`,
        applicants: [i === 0 ? first : applicant()],
      }),
    );
  }
  ids.paraphrase = await register({
    text: 'В Каракемере отменили школьный автобус, дети ходят в школу пешком 4 км по трассе, в темноте. Говорят, нет водителя. Верните автобус!',
    receivedAt: '2026-02-14T12:00:00+05:00',
    applicants: [applicant()],
  });
  ids.potholes = await register({
    text: 'На улице Мира в Шелеке огромные ямы на дороге, после дождя не проехать, просим сделать ямочный ремонт.',
    receivedAt: '2026-02-12T12:00:00+05:00',
    applicants: [applicant()],
  });
  ids.heating = await register({
    text: 'В квартире по улице Жансугурова батареи холодные вторую неделю, управляющая компания не отвечает на звонки.',
    receivedAt: '2026-02-13T12:00:00+05:00',
    topicId: w.topics.heating,
    applicants: [applicant()],
  });
  ids.sameApplicantOther = await register({
    text: 'Прошу выделить место в детском саду для моей младшей дочери, очередь не движется полгода.',
    receivedAt: '2026-02-15T09:00:00+05:00',
    topicId: w.topics.heating,
    applicants: [first],
  });
  // copies 0 and 1 go to the Enbekshikazakh akimat, copy 2 to Zhambyl's
  for (const [appealId, organizationId] of [
    [ids.copies[0], w.orgs.enbekshikazakhAkimat],
    [ids.copies[1], w.orgs.enbekshikazakhAkimat],
    [ids.copies[2], w.orgs.zhambylAkimat],
  ]) {
    await app.ok(AssignAppealDocument, { input: { appealId, organizationId } }, w.users.specialist.token);
  }
});
afterAll(() => app?.close());

describe('similar appeals', () => {
  it('finds the copies of the letter first, then the same problem in other words and the applicant’s other appeal — not unrelated ones', async () => {
    const r = (await app.ok(SimilarAppealsDocument, { appealId: ids.copies[0], first: 10 }, w.users.specialist.token)).similarAppeals;
    const found = r.map((s) => s.appeal.id);
    expect(found.slice(0, 3).sort()).toEqual([ids.copies[1], ids.copies[2], ids.copies[3]].sort());
    for (const s of r.slice(0, 3)) {
      expect(s.nearCopy).toBe(true);
      expect(s.shingleSimilarity).toBeGreaterThanOrEqual(0.8);
      expect(s.score).toBe(Math.max(s.trigramSimilarity, s.shingleSimilarity));
    }
    expect(found).not.toContain(ids.potholes);
    expect(found).not.toContain(ids.heating);
    expect(found).not.toContain(ids.copies[0]);
    const other = r.find((s) => s.appeal.id === ids.sameApplicantOther)!;
    expect(other).toMatchObject({ sameApplicant: true, nearCopy: false });
    expect(r.filter((s) => s.sameApplicant).map((s) => s.appeal.id)).toEqual([ids.sameApplicantOther]);
    const paraphrase = r.find((s) => s.appeal.id === ids.paraphrase);
    if (paraphrase) expect(paraphrase.nearCopy).toBe(false);
    // scores never increase down the list
    for (let i = 1; i < r.length; i++) expect(r[i].score).toBeLessThanOrEqual(r[i - 1].score);
    // the specialist sees the texts and the applicants as they are
    const copy1 = r.find((s) => s.appeal.id === ids.copies[1])!;
    expect(copy1.appeal.applicants[0].iin).toMatch(/^\d{12}$/);
  });

  it('an executor sees only the similar appeals assigned to its organization; others’ appeals are NOT_FOUND', async () => {
    const r = (await app.ok(SimilarAppealsDocument, { appealId: ids.copies[0], first: 10 }, w.users.executorEnbek.token)).similarAppeals;
    expect(r.map((s) => s.appeal.id)).toEqual([ids.copies[1]]);
    const zhambyl = await app.gql(SimilarAppealsDocument, { appealId: ids.copies[0] }, w.users.executorZhambyl.token);
    expect(zhambyl.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const own = (await app.ok(SimilarAppealsDocument, { appealId: ids.copies[2] }, w.users.executorZhambyl.token)).similarAppeals;
    expect(own).toEqual([]);
  });

  it('the analyst sees them with personal data masked; the liaison may not look at appeals at all', async () => {
    const r = await app.gql(SimilarAppealsDocument, { appealId: ids.copies[1], first: 5 }, w.users.analyst.token);
    expect(r.errors).toBeUndefined();
    const copy0 = r.data!.similarAppeals.find((s) => s.appeal.id === ids.copies[0])!;
    expect(copy0.appeal.text).toContain('Контактный телефон [phone].');
    expect(copy0.appeal.applicants[0].iin).toMatch(/^\*{12}$/);
    expect(copy0.appeal.applicants[0].fullName).toBe('О. Д. 1.');
    // no phone and no IIN anywhere (a 12-digit run inside a UUID is not one)
    expect(JSON.stringify(r.data)).not.toMatch(/\+7 ?70[12]|(?<![\w-])\d{12}(?![\w-])/);
    const liaison = await app.gql(SimilarAppealsDocument, { appealId: ids.copies[1] }, w.users.liaison.token);
    expect(liaison.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a page size out of range and an appeal that does not exist', async () => {
    const big = await app.gql(SimilarAppealsDocument, { appealId: ids.copies[0], first: 500 }, w.users.specialist.token);
    expect(big.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const none = await app.gql(SimilarAppealsDocument, { appealId: '00000000-0000-4000-8000-000000000000' }, w.users.specialist.token);
    expect(none.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('resolves the appeals and their applicants in a constant number of statements (no N+1)', async () => {
    const count = async (first: number) => {
      app.database.statements.length = 0;
      const r = (await app.ok(SimilarAppealsDocument, { appealId: ids.copies[0], first }, w.users.specialist.token)).similarAppeals;
      expect(r).toHaveLength(first);
      return app.database.statements.length;
    };
    const one = await count(1);
    const four = await count(4);
    expect(four).toBe(one);
  });
});
