// The topic tree of appeals (two levels), kept as data in seeds/topic-tree.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TopicSeed {
  /** `WATER` for a top-level topic, `WATER.SUPPLY_INTERRUPTION` for a subtopic. */
  code: string;
  parentCode: string | null;
  nameKk: string;
  nameRu: string;
  nameEn: string;
}

interface TopicNode {
  code: string;
  kk: string;
  ru: string;
  en: string;
  children?: TopicNode[];
}

export const TOPICS_JSON = join(__dirname, 'topic-tree.json');

let cache: TopicSeed[] | undefined;

/** All topics, each parent before its children (top-level topics in file order, each followed by its subtopics). */
export function loadTopics(): TopicSeed[] {
  if (!cache) {
    const doc = JSON.parse(readFileSync(TOPICS_JSON, 'utf8')) as { topics: TopicNode[] };
    const out: TopicSeed[] = [];
    const seen = new Set<string>();
    const add = (t: TopicSeed) => {
      if (seen.has(t.code)) throw new Error(`Duplicate topic code ${t.code} in ${TOPICS_JSON}`);
      if (!t.nameKk || !t.nameRu || !t.nameEn) throw new Error(`Topic ${t.code} lacks a name`);
      seen.add(t.code);
      out.push(t);
    };
    for (const top of doc.topics) {
      if (!/^[A-Z][A-Z0-9_]*$/.test(top.code)) throw new Error(`Bad topic code ${top.code}`);
      add({ code: top.code, parentCode: null, nameKk: top.kk, nameRu: top.ru, nameEn: top.en });
      for (const child of top.children ?? []) {
        if (!/^[A-Z][A-Z0-9_]*$/.test(child.code)) throw new Error(`Bad topic code ${top.code}.${child.code}`);
        add({ code: `${top.code}.${child.code}`, parentCode: top.code, nameKk: child.kk, nameRu: child.ru, nameEn: child.en });
      }
    }
    cache = out;
  }
  return cache.map((t) => ({ ...t }));
}
