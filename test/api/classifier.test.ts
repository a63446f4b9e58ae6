import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AppealClassificationDocument,
  AppealIdsDocument,
  AssignAppealDocument,
  ClassifierModelDocument,
  ClassifyTextDocument,
  ConfirmAppealTopicDocument,
  RegisterAppealDocument,
  TrainClassifierDocument,
} from '../generated/graphql';
import { startTestApp, type TestApp } from '../support/app';
import { appealInput } from '../support/fixtures';
import { createWorld, type TestWorld } from '../support/world';

let app: TestApp;
let w: TestWorld;

/** Three topics with their own words, the way registrars have labelled them (a person's choice). */
const TEMPLATES: Record<'water' | 'roads' | 'heating', string[]> = {
  water: ['нет питьевой воды', 'вода из крана идёт ржавая', 'отключили водоснабжение', 'низкий напор воды', 'ауылда ауыз су жоқ'],
  roads: ['яма на дороге', 'разбитый асфальт на улице', 'не отремонтирована дорога', 'жол жөнделмеген, шұңқырлар', 'нет тротуара вдоль дороги'],
  heating: ['в квартире холодно, батареи холодные', 'нет отопления в доме', 'котельная не работает', 'жылыту жоқ, үйде суық', 'радиаторы чуть тёплые'],
};

async function registerLabelled(n: number) {
  const ids: Record<string, string[]> = { water: [], roads: [], heating: [] };
  for (let i = 0; i < n; i++) {
    const topic = (['water', 'roads', 'heating'] as const)[i % 3];
    const phrase = TEMPLATES[topic][i % 5];
    const r = await app.ok(
      RegisterAppealDocument,
      { input: appealInput(w, { text: `Здравствуйте. По улице Абая ${i + 1} ${phrase}. Прошу принять меры.`, topicId: w.topics[topic] }) },
      w.users.specialist.token,
    );
    expect(r.registerAppeal.topicSource).toBe('PERSON');
    ids[topic].push(r.registerAppeal.id);
  }
  return ids;
}

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
  app.clock.set('2026-03-02T11:00:00+05:00');
});
afterAll(() => app?.close());

describe('content classification and routing suggestions', () => {
  let labelled: Record<string, string[]>;
  let firstModelAppeals = 0;

  it('before any training there is no model: appeals without a topic wait for a person', async () => {
    expect((await app.ok(ClassifierModelDocument, {}, w.users.analyst.token)).classifierModel).toBeNull();
    const a = (await app.ok(RegisterAppealDocument, { input: appealInput(w) }, w.users.specialist.token)).registerAppeal;
    const c = (await app.ok(AppealClassificationDocument, { id: a.id }, w.users.specialist.token)).appeal!;
    expect(c.topicReviewRequired).toBe(true);
    expect(c.topic).toBeNull();
    expect(c.suggestedTopics).toEqual([]);
  });

  it('only an admin trains; with too few labelled appeals training is refused', async () => {
    const bySpecialist = await app.gql(TrainClassifierDocument, {}, w.users.specialist.token);
    expect(bySpecialist.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const tooFew = await app.gql(TrainClassifierDocument, {}, w.users.admin.token);
    expect(tooFew.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', details: { reason: 'NOT_ENOUGH_TRAINING_DATA' } });
  });

  it("learns from people's topic choices and reports its metrics", async () => {
    labelled = await registerLabelled(45);
    const t = (await app.ok(TrainClassifierDocument, {}, w.users.admin.token)).trainClassifier;
    expect(t.version).toBe(1);
    expect(t.trainingAppeals).toBe(45); // the appeal with no topic is not training data
    firstModelAppeals = t.trainingAppeals!;
    expect(t.labels.sort()).toEqual(['HEATING', 'ROADS', 'WATER']);
    expect(t.metrics).toMatchObject({ classes: expect.any(Number), accuracy: expect.any(Number), macroF1: expect.any(Number) });
    const info = (await app.ok(ClassifierModelDocument, {}, w.users.analyst.token)).classifierModel!;
    expect(info.version).toBe(1);
    const scores = (await app.ok(ClassifyTextDocument, { text: 'Вторую неделю нет питьевой воды в доме', top: 3 }, w.users.analyst.token)).classifyText;
    expect(scores[0].topic.code).toBe('WATER');
    expect(scores.map((s) => s.probability)).toEqual([...scores.map((s) => s.probability)].sort((a, b) => b - a));
    expect(scores.reduce((s, x) => s + x.probability, 0)).toBeLessThanOrEqual(1.0001);
  });

  it('on registration a confident suggestion becomes the topic, marked as the machine’s', async () => {
    const a = (
      await app.ok(RegisterAppealDocument, { input: appealInput(w, { text: 'В нашем доме холодно, батареи холодные, отопления нет вторую неделю.' }) }, w.users.specialist.token)
    ).registerAppeal;
    const c = (await app.ok(AppealClassificationDocument, { id: a.id }, w.users.specialist.token)).appeal!;
    expect(c.machineTopic?.code).toBe('HEATING');
    expect(c.machineModelVersion).toBe(1);
    expect(c.machineTopicConfidence!).toBeGreaterThanOrEqual(0.6);
    expect(c.topic?.code).toBe('HEATING');
    expect(c.topicSource).toBe('MACHINE');
    expect(c.topicReviewRequired).toBe(false);
  });

  it('below the confidence threshold the appeal is marked for a person, who decides; the correction feeds the next training', async () => {
    const a = (
      await app.ok(RegisterAppealDocument, { input: appealInput(w, { text: 'Прошу разобраться с ситуацией и сообщить результат.' }) }, w.users.specialist.token)
    ).registerAppeal;
    let c = (await app.ok(AppealClassificationDocument, { id: a.id }, w.users.specialist.token)).appeal!;
    expect(c.machineTopicConfidence!).toBeLessThan(0.6);
    expect(c.topicReviewRequired).toBe(true);
    expect(c.topic).toBeNull();
    const waiting = await app.ok(AppealIdsDocument, { filter: { topicReviewRequired: true }, first: 100 }, w.users.specialist.token);
    expect(waiting.appeals.edges.map((e) => e.node.id)).toContain(a.id);

    const machineCode = c.machineTopic?.code;
    const confirmed = (await app.ok(ConfirmAppealTopicDocument, { appealId: a.id, topicId: w.topics.roads }, w.users.specialist.token)).confirmAppealTopic;
    expect(confirmed.topicSource).toBe('PERSON');
    expect(confirmed.topic?.code).toBe('ROADS');
    expect(confirmed.topicReviewRequired).toBe(false);
    expect(confirmed.machineTopic?.code).toBe(machineCode); // the machine's suggestion is kept apart
    c = (await app.ok(AppealClassificationDocument, { id: a.id }, w.users.head.token)).appeal!;
    expect(c.history.at(-1)).toMatchObject({ action: 'confirm_topic', after: { topicSource: 'person' } });

    const v2 = (await app.ok(TrainClassifierDocument, {}, w.users.admin.token)).trainClassifier;
    expect(v2.version).toBe(2);
    expect(v2.trainingAppeals).toBe(firstModelAppeals + 1); // the person's correction; the machine-labelled one is not used
  });

  it('an executor or the liaison may not classify; an unknown topic is refused', async () => {
    expect((await app.gql(ClassifyTextDocument, { text: 'нет воды' }, w.users.executorEnbek.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await app.gql(ClassifyTextDocument, { text: 'нет воды' }, w.users.liaison.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await app.gql(ConfirmAppealTopicDocument, { appealId: labelled.water[0], topicId: '999999' }, w.users.specialist.token);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'topicId' });
  });

  it('suggests the executing organization learned from past assignments in the same place', async () => {
    for (const id of labelled.water) await app.ok(AssignAppealDocument, { input: { appealId: id, organizationId: w.orgs.enbekshikazakhAkimat } }, w.users.specialist.token);
    for (const id of [...labelled.heating, ...labelled.roads]) await app.ok(AssignAppealDocument, { input: { appealId: id, organizationId: w.orgs.energyDept } }, w.users.specialist.token);
    const r = (await app.ok(TrainClassifierDocument, { kind: 'EXECUTOR' }, w.users.admin.token)).trainClassifier;
    expect(r.labels.sort()).toEqual([w.orgs.enbekshikazakhAkimat, w.orgs.energyDept].sort());
    const fresh = (
      await app.ok(RegisterAppealDocument, { input: appealInput(w, { text: 'Вода из крана идёт ржавая, пить невозможно.' }) }, w.users.specialist.token)
    ).registerAppeal;
    const c = (await app.ok(AppealClassificationDocument, { id: fresh.id }, w.users.specialist.token)).appeal!;
    expect(c.suggestedExecutors[0].organization.id).toBe(w.orgs.enbekshikazakhAkimat);
  });
});
