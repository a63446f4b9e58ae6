import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../access/actor';
import type { WorkingCalendar } from '../calendar/working-calendar';
import type { ClassifierRegistry } from '../classifier/registry';

/** What a state-changing use case needs: the unit of work, who acts, the calendar and the clock. */
export interface CommandContext {
  em: EntityManager;
  actor: Actor;
  calendar: WorkingCalendar;
  now: () => Date;
  requestId: string | null;
  /** The models in use; absent in contexts that never classify. */
  classifiers?: ClassifierRegistry | null;
}
