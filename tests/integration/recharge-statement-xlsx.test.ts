/**
 * The statement's Excel download, streamed a batch of lines at a time from one read snapshot, holds
 * exactly the sheets the statement's whole content makes (statementSheets): the same rows, numbers
 * as number cells, a formula-looking description as text; for a draft (with an adjustment) and for
 * the issued statement.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { db, startDatabase, expectOk } from './helpers';
import { costLine, twoLineService } from './recharge-fixture';
import * as costService from '$lib/server/services/cost-lines';
import * as service from '$lib/server/services/recharge-statements';
import * as statements from '$lib/server/repos/recharge-statements';
import { statementXlsxDownload } from '$lib/server/web/recharge-statement-xlsx';
import { XLSX_TYPE } from '$lib/server/web/xlsx-response';
import { statementSheets } from '$lib/domain/recharges';
import { cellValue } from '$lib/domain/xlsx/sheet';
import { contentHash } from '$lib/domain/hashing';

beforeAll(async () => {
	await startDatabase();
});

async function workbookOf(response: Response) {
	expect(response.headers.get('content-type')).toBe(XLSX_TYPE);
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load((await response.arrayBuffer()) as ArrayBuffer);
	return wb;
}

/** Each sheet's cell values, heading row first (exceljs's row.values start at index 1). */
const valuesOf = (wb: ExcelJS.Workbook) =>
	wb.worksheets.map((ws) => {
		const rows: unknown[][] = [];
		ws.eachRow({ includeEmpty: true }, (row) => {
			// Array.from: a gap in exceljs's sparse values array is an empty cell.
			rows.push(
				Array.from((row.values as unknown[]).slice(1), (v) =>
					v instanceof Date ? v.toISOString() : (v ?? null)
				)
			);
		});
		return { name: ws.name, rows };
	});

/** What the in-memory workbook had: statementSheets of the whole content. */
async function expected(row: statements.StatementRow) {
	const content = await service.contentOf(db(), row);
	return statementSheets(content, row.contentHash).map((t) => ({
		name: t.name,
		rows: [
			t.columns.map((c) => c.heading),
			...t.rows.map((cells) => {
				// An empty string is written as an empty cell, and read back as one.
				const values = cells.map((c) => (cellValue(c) === '' ? null : cellValue(c)));
				// exceljs reads trailing empty cells back as nothing.
				while (values.length > 0 && values[values.length - 1] == null) values.pop();
				return values;
			})
		]
	}));
}

describe('the statement as an Excel workbook', () => {
	it('streams the same sheets as the whole statement makes, draft and issued', async () => {
		const s = await twoLineService(1001);
		await s.saveDefaultKey('2026/27', s.fixed(3333, 3333, 3334));
		await s.saveDefaultKey('2027/28', s.fixed(3333, 3333, 3334));
		await s.addLine(250_00, { description: '=HYPERLINK("http://evil.example","pay")' });
		const p = s.ids[0]!;
		const draft = async (financialYear: string) =>
			expectOk(
				await service.createStatementDraft(s.shared.actor, {
					partnerOrganisationId: p,
					financialYear,
					quarter: 0
				})
			).statement;
		const first = await draft('2026/27');
		expectOk(
			await service.issueStatement(
				s.shared.actor,
				first.id,
				first.version,
				await contentHash(await service.contentOf(db(), first))
			)
		);
		// A change to the stated year: the next draft carries an adjustment.
		expectOk(
			await costService.updateCostLine(
				s.shared.actor,
				s.first.id,
				s.first.version,
				{ systemId: s.payroll.id },
				costLine(1200_00)
			)
		);
		const next = await draft('2027/28');
		const issued = (await statements.getStatement(db(), s.shared.org.id, first.id))!;
		for (const row of [next, issued]) {
			const wb = await workbookOf(statementXlsxDownload(row));
			const got = valuesOf(wb);
			expect(got).toEqual(await expected(row));
			const lines = wb.worksheets[0]!;
			// Money is a number cell in pounds with the £ format; the formula-looking words are text.
			const amount = lines.getRow(2).getCell(14);
			expect(typeof amount.value).toBe('number');
			expect(amount.numFmt).toContain('£');
			lines.eachRow((r) => r.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));
		}
		// The issued year has the line whose description looks like a formula: it is text.
		const issuedTexts = valuesOf(await workbookOf(statementXlsxDownload(issued)))[0]!.rows.flat();
		expect(issuedTexts).toContain('=HYPERLINK("http://evil.example","pay")');
		const adjustments = valuesOf(await workbookOf(statementXlsxDownload(next)))[0]!.rows.filter(
			(r) => r[3] === 'Adjustment'
		);
		expect(adjustments.length).toBeGreaterThan(0);
	});
});
