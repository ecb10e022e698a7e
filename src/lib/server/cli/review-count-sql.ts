/**
 * `npm run db:review-count-sql`: prints the body of a migration that replaces the review-count
 * triggers with their definition in db/review-count-sql.ts and rebuilds the kept rows. Paste it into
 * a migration made with `npx drizzle-kit generate --custom --name review_count_<what>`.
 */
import { reviewCountMigrationSql } from '../db/review-count-sql';

console.log(reviewCountMigrationSql());
