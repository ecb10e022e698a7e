import { defineConfig } from 'drizzle-kit';

export default defineConfig({
	schema: './src/lib/server/db/schema/index.ts',
	out: './src/lib/server/db/migrations',
	dialect: 'turso',
	// Ask before any statement that loses data, and print every statement drizzle-kit runs.
	strict: true,
	verbose: true,
	dbCredentials: { url: process.env.DATABASE_URL ?? 'file:data/portfolio.db' }
});
