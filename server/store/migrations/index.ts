/**
 * Every migration, listed in code rather than found on disk, so they run the same under tsx,
 * from a bundle, or from a compiled build. Append new ones; never edit or reorder applied ones.
 */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { initial } from './0001-initial.js';
import { clientIdIndex } from './0002-client-id-index.js';
import { agentSites } from './0003-agent-sites.js';
import { integrations } from './0004-integrations.js';
import { faqEntries } from './0007-faq-entries.js';
import { insights } from './0008-insights.js';
import { webhookEndpoints } from './0010-webhook-endpoints.js';
import { gapMarks } from './0012-gap-marks.js';
import { attachments } from './0013-attachments.js';
import { answerLearning } from './0014-answer-learning.js';

const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-client-id-index': clientIdIndex,
  '0003-agent-sites': agentSites,
  '0004-integrations': integrations,
  '0007-faq-entries': faqEntries,
  '0008-insights': insights,
  '0010-webhook-endpoints': webhookEndpoints,
  '0012-gap-marks': gapMarks,
  '0013-attachments': attachments,
  '0014-answer-learning': answerLearning,
};

/** Exported for tests that upgrade a database made by an earlier version. */
export const provider: MigrationProvider = {
  getMigrations: async () => migrations,
};

/**
 * Applies pending migrations. Kysely's Migrator takes a lock first (an advisory lock on
 * PostgreSQL), so several processes starting at once migrate exactly once.
 */
export async function migrateToLatest(db: Kysely<any>, options: { schema?: string } = {}): Promise<void> {
  const migrator = new Migrator({
    db,
    provider,
    ...(options.schema === undefined ? {} : { migrationTableSchema: options.schema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`Database migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}
