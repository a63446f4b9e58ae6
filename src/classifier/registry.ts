import type { EntityManager } from '@mikro-orm/postgresql';
import { query, toDate } from '../db/sql';
import { TextClassifier, type Prediction } from './classifier';
import type { ModelKind } from './classifier-model.entity';

/** Below this probability the machine's topic is only a suggestion and a person decides. */
export const TOPIC_CONFIDENCE_THRESHOLD = Number(process.env.CLASSIFIER_CONFIDENCE_THRESHOLD ?? 0.6);

export interface LoadedModel {
  kind: ModelKind;
  version: number;
  trainedAt: Date;
  labels: string[];
  metrics: Record<string, unknown> | null;
  /** How many appeals it learned from. */
  trainingDocs: number | null;
  model: TextClassifier;
}

export interface TopicSuggestion {
  topicId: string;
  code: string;
  probability: number;
}

export interface ExecutorSuggestion {
  organizationId: string;
  probability: number;
}

/**
 * The models in use by this process: the active version of each kind, loaded at start and swapped atomically
 * (one reference assignment) when a newer version appears. Readers never see a half-loaded model.
 */
export class ClassifierRegistry {
  private models = new Map<ModelKind, LoadedModel>();
  private topicIds = new Map<string, string>();

  static async load(em: EntityManager): Promise<ClassifierRegistry> {
    const r = new ClassifierRegistry();
    await r.refresh(em);
    return r;
  }

  get(kind: ModelKind): LoadedModel | null {
    return this.models.get(kind) ?? null;
  }

  /** Loads any active version newer than the one in memory (cheap when nothing changed). */
  async refresh(em: EntityManager): Promise<void> {
    const active = await query<{ kind: ModelKind; version: number }>(em, 'select kind, version from classifier_model where active');
    for (const { kind, version } of active) {
      if (this.models.get(kind)?.version === version) continue;
      const [row] = await query<any>(
        em,
        'select kind, version, trained_at, labels, metrics, training_set, model from classifier_model where kind = ? and version = ?',
        [kind, version],
      );
      if (row) this.install(row);
    }
    const topics = await query<{ id: number; code: string }>(em, 'select id, code from topic');
    this.topicIds = new Map(topics.map((t) => [t.code, String(t.id)]));
  }

  install(row: { kind: ModelKind; version: number; trained_at: unknown; labels: string[]; metrics: any; training_set?: any; model: Buffer }): LoadedModel {
    const loaded: LoadedModel = {
      kind: row.kind,
      version: row.version,
      trainedAt: toDate(row.trained_at)!,
      labels: row.labels,
      metrics: row.metrics ?? null,
      trainingDocs: row.training_set?.docs ?? null,
      model: TextClassifier.deserialize(Buffer.from(row.model)),
    };
    this.models.set(row.kind, loaded);
    return loaded;
  }

  rememberTopic(code: string, id: string) {
    this.topicIds.set(code, id);
  }

  /** Topics for one text, most probable first (codes the database no longer has are skipped). */
  suggestTopics(text: string, top = 3): TopicSuggestion[] {
    const m = this.get('topic');
    if (!m) return [];
    return this.toTopics(m.model.predict(text, undefined, top + 2)).slice(0, top);
  }

  private toTopics(preds: Prediction[]): TopicSuggestion[] {
    const out: TopicSuggestion[] = [];
    for (const p of preds) {
      const id = this.topicIds.get(p.label);
      if (id) out.push({ topicId: id, code: p.label, probability: p.probability });
    }
    return out;
  }

  /** Executing organizations learned from past lead assignments, from the text and the admin unit. */
  suggestExecutors(text: string, adminUnitId: string, top = 3): ExecutorSuggestion[] {
    const m = this.get('executor');
    if (!m) return [];
    return m.model.predict(text, { unit: adminUnitId }, top).map((p) => ({ organizationId: p.label, probability: p.probability }));
  }
}
