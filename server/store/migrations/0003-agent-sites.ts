/**
 * Which sites an agent serves (`agents.sites`: a JSON array of site keys, null for every site,
 * so an existing install changes nothing), and which visitor fields the site signed
 * (`visitors.verified_fields`: a JSON array of "id", "name", "email"). Both are who-may-see and
 * who-vouched-for-what: the console shows a field as verified only when it is listed.
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const agentSites: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema.alterTable('agents').addColumn('sites', 'text').execute();
    await db.schema.alterTable('visitors').addColumn('verified_fields', 'text').execute();
    // Until now a site signed only the user id (the HMAC), and an external id was set only then.
    await db.updateTable('visitors').set({ verified_fields: '["id"]' }).where(sql.ref('external_id'), 'is not', null).execute();
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.alterTable('visitors').dropColumn('verified_fields').execute();
    await db.schema.alterTable('agents').dropColumn('sites').execute();
  },
};
