/**
 * `npm run db:list-version-sql`: prints the body of a migration that replaces the triggers keeping
 * `organisation_list_version` with their definition (db/list-version-sql.ts). Paste it into a
 * migration made with `npx drizzle-kit generate --custom --name <what>`.
 */
import { listVersionMigrationSql } from '../db/list-version-sql';

console.log(listVersionMigrationSql());
