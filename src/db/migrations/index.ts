import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261127000000Init } from './Migration20261127000000Init';

/** Every migration in order (listed explicitly so they load the same under tsx, tsc and vitest). */
export const MIGRATIONS: MigrationObject[] = [{ name: 'Migration20261127000000Init', class: Migration20261127000000Init }];
