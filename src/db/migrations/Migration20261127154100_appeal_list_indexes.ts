import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes for filters and sorts of the appeals list that plans at scale showed unbacked (issue 7, bench:plans):
 *  - order by due date (orderBy DUE_DATE_ASC, with or without the overdue filter) sorted the whole table;
 *  - search matches the summary and the registration number as well as the text: with a trigram index on the text
 *    alone the OR could not use any index, and a rare word scanned every appeal.
 */
export class Migration20261127154100_appeal_list_indexes extends Migration {
  override async up(): Promise<void> {
    // Builds indexes and rollups over every appeal: not bound by the service's 30 s statement timeout.
    this.addSql('set local statement_timeout = 0');
    this.addSql(`create index "appeal_due_date_id_index" on "appeal" ("due_date", "id")`);
    this.addSql(`create index "appeal_summary_trgm_index" on "appeal" using gin ("summary" gin_trgm_ops)`);
    this.addSql(`create index "appeal_registration_number_trgm_index" on "appeal" using gin ("registration_number" gin_trgm_ops)`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "appeal_registration_number_trgm_index"`);
    this.addSql(`drop index if exists "appeal_summary_trgm_index"`);
    this.addSql(`drop index if exists "appeal_due_date_id_index"`);
  }
}
