import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../access/actor';
import type { WorkingCalendar } from '../calendar/working-calendar';
import type { ClassifierRegistry } from '../classifier/registry';
import type { Loaders } from './loaders';

/** Everything a resolver may use during one request. A fresh EntityManager fork and fresh loaders per request. */
export interface RequestContext {
  requestId: string;
  actor: Actor;
  em: EntityManager;
  loaders: Loaders;
  calendar: WorkingCalendar;
  /** The current time; tests and the demo loader replace it. */
  now: () => Date;
  classifiers: ClassifierRegistry;
}
