/**
 * A roll-up table's cells and columns, and the few builders every table uses. The builders stay out of
 * the folder's index (rollup-tables.ts re-exports the two types): they are how the tables are written,
 * not something a page needs.
 */

/** A cell: money in integer pence, a count, a date (ISO), or words with an optional link. */
export type Cell =
	{ money: number } | { count: number } | { date: string | null } | { text: string; href?: string };

export interface TableColumn {
	label: string;
	/** A heading spanning several columns ('2026/27' over Capital and Revenue); joined to the label in CSV. */
	group?: string;
	numeric: boolean;
}

export const text = (t: string, href?: string): Cell => (href ? { text: t, href } : { text: t });
export const money = (pence: number): Cell => ({ money: pence });
export const numeric = (label: string, group?: string): TableColumn =>
	group ? { label, group, numeric: true } : { label, numeric: true };
export const heading = (label: string): TableColumn => ({ label, numeric: false });
