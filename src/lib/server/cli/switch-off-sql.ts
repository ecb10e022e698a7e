/**
 * `npm run db:switch-off-sql`: prints the body of a migration that replaces the switch-off view and
 * triggers with their definition in db/switch-off-sql.ts and rebuilds the kept rows. Paste it into a
 * migration made with `npx drizzle-kit generate --custom --name switch_off_<what>`.
 */
import { switchOffMigrationSql } from '../db/switch-off-sql';

console.log(switchOffMigrationSql());
