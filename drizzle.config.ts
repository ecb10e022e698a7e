import { defineConfig } from 'drizzle-kit';

export default defineConfig({
	schema: './src/lib/server/db/schema/index.ts',
	out: './src/lib/server/db/migrations',
	dialect: 'turso',
	dbCredentials: { url: process.env.DATABASE_URL ?? 'file:data/portfolio.db' }
});
