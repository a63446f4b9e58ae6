/**
 * Re-running detection must update the cards it made before, not add new ones. A candidate belongs to an open
 * card when they share appeals (cluster membership), or else when they have the same topic, share an admin unit
 * and their periods overlap (with `toleranceDays` of slack either side).
 */
import { dayOfDate } from './weeks';

export interface OpenCardRef {
  id: string;
  topic: string | null;
  units: readonly string[];
  firstSeen: string;
  lastSeen: string;
  appealIds: ReadonlySet<string>;
}

export interface CandidateRef {
  topic: string | null;
  units: readonly string[];
  firstSeen: string;
  lastSeen: string;
  appealIds: readonly string[];
}

export function matchOpenCard(candidate: CandidateRef, cards: readonly OpenCardRef[], toleranceDays = 14): string | null {
  let best: { id: string; shared: number; lastSeen: string } | null = null;
  for (const c of cards) {
    let shared = 0;
    for (const a of candidate.appealIds) if (c.appealIds.has(a)) shared++;
    if (shared > 0 && (!best || shared > best.shared || (shared === best.shared && c.lastSeen > best.lastSeen))) {
      best = { id: c.id, shared, lastSeen: c.lastSeen };
    }
  }
  if (best) return best.id;
  const from = dayOfDate(candidate.firstSeen) - toleranceDays;
  const to = dayOfDate(candidate.lastSeen) + toleranceDays;
  let overlap: OpenCardRef | null = null;
  for (const c of cards) {
    if (c.topic !== candidate.topic || c.topic === null) continue;
    if (!c.units.some((u) => candidate.units.includes(u))) continue;
    if (dayOfDate(c.lastSeen) < from || dayOfDate(c.firstSeen) > to) continue;
    if (!overlap || c.lastSeen > overlap.lastSeen) overlap = c;
  }
  return overlap?.id ?? null;
}
