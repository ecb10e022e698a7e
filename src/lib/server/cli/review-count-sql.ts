/**
 * `npm run db:review-count-sql`: prints the body of a migration that replaces the views and triggers
 * keeping the dashboard's figures (db/review-count-sql.ts, db/continuity-sql.ts) with their
 * definitions and rebuilds the kept rows. Paste it into a migration made with
 * `npx drizzle-kit generate --custom --name <what>`.
 */
import { reviewCountMigrationSql } from '../db/review-count-sql';
import { continuityMigrationSql } from '../db/continuity-sql';

console.log(
	[reviewCountMigrationSql(), continuityMigrationSql()].join('\n--> statement-breakpoint\n')
);
