import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261127000000Init } from './Migration20261127000000Init';
import { Migration20261127149000_classifier } from './Migration20261127149000_classifier';
import { Migration20261127150000_analytics_rollups } from './Migration20261127150000_analytics_rollups';
import { Migration20261127150100_analytics_daily } from './Migration20261127150100_analytics_daily';
import { Migration20261127151000_problem_cards } from './Migration20261127151000_problem_cards';
import { Migration20261127152000_audit } from './Migration20261127152000_audit';
import { Migration20261127153000_receptions_control_notices } from './Migration20261127153000_receptions_control_notices';
import { Migration20261127154000_import } from './Migration20261127154000_import';
import { Migration20261127154100_appeal_list_indexes } from './Migration20261127154100_appeal_list_indexes';
import { Migration20261127155000_import_rollup_deferral } from './Migration20261127155000_import_rollup_deferral';
import { Migration20261204180000_registration_defects } from './Migration20261204180000_registration_defects';

/** Every migration in order (listed explicitly so they load the same under tsx, tsc and vitest). */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261127000000Init', class: Migration20261127000000Init },
  { name: 'Migration20261127149000_classifier', class: Migration20261127149000_classifier },
  { name: 'Migration20261127150000_analytics_rollups', class: Migration20261127150000_analytics_rollups },
  { name: 'Migration20261127150100_analytics_daily', class: Migration20261127150100_analytics_daily },
  { name: 'Migration20261127151000_problem_cards', class: Migration20261127151000_problem_cards },
  { name: 'Migration20261127152000_audit', class: Migration20261127152000_audit },
  { name: 'Migration20261127153000_receptions_control_notices', class: Migration20261127153000_receptions_control_notices },
  { name: 'Migration20261127154000_import', class: Migration20261127154000_import },
  { name: 'Migration20261127154100_appeal_list_indexes', class: Migration20261127154100_appeal_list_indexes },
  { name: 'Migration20261127155000_import_rollup_deferral', class: Migration20261127155000_import_rollup_deferral },
  { name: 'Migration20261204180000_registration_defects', class: Migration20261204180000_registration_defects },
];
