import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../access/actor';
import { estimateJaccard, signatureOf } from '../analytics/detection/minhash';
import { appealWhere, findVisibleAppeal } from '../appeals/appeal.queries';
import { APPEAL_COLUMNS, toAppealView, type AppealView } from '../appeals/appeal.types';
import { query } from '../db/sql';
import { badInput, notFound } from '../shared/errors';

export interface SimilarAppeal {
  appeal: AppealView;
  score: number;
  trigramSimilarity: number;
  shingleSimilarity: number;
  nearCopy: boolean;
  sameApplicant: boolean;
}

export const MAX_SIMILAR = 50;
export const NEAR_COPY = 0.6;
/** Below this neither measure makes two appeals "similar" (unless they come from the same applicant). */
export const MIN_SCORE = 0.3;

/**
 * Appeals like the given one, for a specialist looking at it: candidates from the trigram index (pg_trgm `%`,
 * similarity ≥ 0.3, served by appeal_text_trgm_index) and the applicant's own other appeals, scored by the larger
 * of the trigram similarity and the MinHash estimate of shared 5-character shingles (which finds near-copies
 * whatever their length). Only appeals the actor may see are candidates (an executor: its organization's).
 */
export async function findSimilarAppeals(em: EntityManager, actor: Actor, now: Date, appealId: string, first: number): Promise<SimilarAppeal[]> {
  if (!Number.isInteger(first) || first < 1 || first > MAX_SIMILAR) throw badInput('first', `first must be 1–${MAX_SIMILAR}`);
  const target = await findVisibleAppeal(em, actor, now, { id: appealId });
  if (!target) throw notFound('Appeal', appealId);
  const { sql, params } = appealWhere({}, actor, now);
  const visible = sql ? `and ${sql.replace(/^where /, '')}` : '';
  const candidates = Math.max(50, first * 4);
  const rows = await query<any>(
    em,
    `with same_applicant as (
        select distinct y.appeal_id from appeal_applicant x join appeal_applicant y on y.applicant_id = x.applicant_id
         where x.appeal_id = ? and y.appeal_id <> ?
     ), candidates as (
        (select a.id from appeal a where a.text % ? and a.id <> ? ${visible}
          order by similarity(a.text, ?) desc, a.id limit ?)
        union
        (select a.id from appeal a where a.id in (select appeal_id from same_applicant) ${visible} order by a.received_at desc limit ?)
     )
     select ${APPEAL_COLUMNS}, similarity(a.text, ?) as trigram, (a.id in (select appeal_id from same_applicant)) as same_applicant
       from appeal a where a.id in (select id from candidates)`,
    [target.id, target.id, target.text, target.id, ...params, target.text, candidates, ...params, candidates, target.text],
  );
  const sig = signatureOf(target.text);
  const out: SimilarAppeal[] = rows.map((r) => {
    const appeal = toAppealView(r);
    const trigramSimilarity = round(Number(r.trigram));
    const shingleSimilarity = round(estimateJaccard(sig, signatureOf(appeal.text)));
    return {
      appeal,
      trigramSimilarity,
      shingleSimilarity,
      score: Math.max(trigramSimilarity, shingleSimilarity),
      nearCopy: shingleSimilarity >= NEAR_COPY,
      sameApplicant: Boolean(r.same_applicant),
    };
  });
  return out
    .filter((s) => s.score >= MIN_SCORE || s.sameApplicant)
    .sort((a, b) => b.score - a.score || b.appeal.receivedAt.getTime() - a.appeal.receivedAt.getTime() || (a.appeal.id < b.appeal.id ? -1 : 1))
    .slice(0, first);
}

const round = (x: number) => Math.round(x * 1000) / 1000;
