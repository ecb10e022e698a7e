// The session database (sessions, throttling records, the audit outbox): its own schema and migrations.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
	schema: './src/lib/server/db/session-schema/index.ts',
	out: './src/lib/server/db/session-migrations',
	dialect: 'turso',
	// Ask before any statement that loses data, and print every statement drizzle-kit runs.
	strict: true,
	verbose: true,
	dbCredentials: { url: process.env.SESSION_DATABASE_URL ?? 'file:data/portfolio-sessions.db' }
});
