/**
 * Every list column of the schema (drizzle's `enum`) takes its values from a list the domain
 * exports, the same array, so a status, kind or outcome is spelled in one place: a list typed into
 * the schema by hand fails here, naming the column.
 */
import { describe, expect, it } from 'vitest';
import { getTableColumns, is } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as schema from './index';

// The domain's modules, not their tests (importing a spec would run its tests here).
const domainModules = import.meta.glob<Record<string, unknown>>(
	['/src/lib/domain/**/*.ts', '!/src/lib/domain/**/*.spec.ts'],
	{ eager: true }
);

describe('the schema’s lists', () => {
	it('come from the domain’s own constants', () => {
		const domainLists = new Set<unknown>();
		for (const [file, exports] of Object.entries(domainModules))
			if (!file.endsWith('.spec.ts'))
				for (const value of Object.values(exports))
					if (Array.isArray(value)) domainLists.add(value);
		const typedInSchema: string[] = [];
		let lists = 0;
		for (const [name, table] of Object.entries(schema)) {
			if (!is(table, SQLiteTable)) continue;
			for (const [column, c] of Object.entries(getTableColumns(table))) {
				const values = (c as { enumValues?: readonly string[] }).enumValues;
				if (!values || values.length === 0) continue;
				lists++;
				if (!domainLists.has(values)) typedInSchema.push(`${name}.${column}: ${values.join(', ')}`);
			}
		}
		expect(lists).toBeGreaterThan(10);
		expect(typedInSchema).toEqual([]);
	});
});
