import { describe, expect, it } from 'vitest';
import { reconcile, type HeldLedgerLine, type RechargedLine } from './reconcile';

const centres = [
	{
		id: 1,
		code: 'NCC-ICT-100',
		name: 'Corporate ICT',
		partnerOrganisationId: 10,
		partnerName: 'Northshire'
	},
	{
		id: 2,
		code: 'EM-IT-01',
		name: 'Eastmoor ICT',
		partnerOrganisationId: 20,
		partnerName: 'Eastmoor'
	}
];
const recharge = (amountPence: number, over: Partial<RechargedLine> = {}): RechargedLine => ({
	costLineId: 1,
	description: 'Licences',
	costCentreId: 1,
	financialYear: '2026/27',
	spendType: 'revenue',
	amountPence,
	...over
});
let nextId = 1;
const line = (amountPence: number, over: Partial<HeldLedgerLine> = {}): HeldLedgerLine => ({
	id: nextId,
	row: ++nextId,
	fileName: 'gl.csv',
	costCentreCode: 'NCC-ICT-100',
	financialYear: '2026/27',
	postingDate: null,
	spendType: 'revenue',
	amountPence,
	description: '',
	reference: '',
	...over
});
const run = (
	recharged: RechargedLine[],
	ledger: HeldLedgerLine[],
	viewer: 'partner' | 'officer' = 'partner',
	tolerancePence = 100
) => reconcile({ partnerOrganisationId: 10, recharged, ledger, centres, tolerancePence, viewer });

describe('reconcile', () => {
	it('agrees to the penny and within the tolerance, and lists nothing line by line then', () => {
		const exact = run(
			[recharge(5000_00)],
			[line(2500_00), line(2500_00, { costCentreCode: 'ncc-ict-100' })]
		);
		expect(
			exact.rows.map((r) => [r.costCentre, r.differencePence, r.status, r.ledger.length])
		).toEqual([['NCC-ICT-100 Corporate ICT', 0, 'Agrees', 0]]);
		expect(exact.status).toBe('Reconciled: every cost centre agrees within £1.00');
		const near = run([recharge(5000_00)], [line(5000_99)]);
		expect(near.rows[0]!.status).toBe('Agrees within the £1.00 tolerance');
	});

	it('lists a difference beyond the tolerance line by line, on both sides', () => {
		const r = run([recharge(5000_00)], [line(4998_99)]);
		expect(r.rows[0]).toMatchObject({
			differencePence: -1_01,
			withinTolerance: false,
			status: 'Ledger is £1.01 less than recharged'
		});
		expect(r.rows[0]!.recharges).toHaveLength(1);
		expect(r.rows[0]!.ledger.map((l) => l.amountPence)).toEqual([4998_99]);
		expect(run([recharge(100)], [line(100)], 'partner', 0).rows[0]!.withinTolerance).toBe(true);
		expect(run([recharge(100)], [line(101)], 'partner', 0).rows[0]!.withinTolerance).toBe(false);
	});

	it('keeps capital and revenue apart', () => {
		const r = run([recharge(100_00, { spendType: 'capital' })], [line(100_00)]);
		expect(r.rows.map((x) => [x.spendType, x.status])).toEqual([
			['capital', 'Not in the ledger: £100.00 recharged'],
			['revenue', 'Ledger is £100.00 more than recharged']
		]);
	});

	it("flags money posted to another partner's cost centre without naming the partner to the partner", () => {
		const ledger = [line(4149_19, { costCentreCode: 'EM-IT-01' })];
		const partner = run([recharge(4149_19)], ledger);
		expect(partner.misposted.map((l) => l.flag)).toEqual(['Another partner’s cost centre']);
		expect(JSON.stringify(partner)).not.toContain('Eastmoor');
		const officer = run([recharge(4149_19)], ledger, 'officer');
		expect(officer.misposted[0]!.flag).toBe('EM-IT-01 Eastmoor ICT belongs to Eastmoor');
		expect(partner.status).toBe(
			'Not reconciled: 1 difference beyond the tolerance; 1 line posted to another partner’s cost centre'
		);
	});

	it('flags unknown codes and years with no recharges, and says which recharged years have no ledger', () => {
		const r = run(
			[recharge(1), recharge(2, { financialYear: '2027/28' })],
			[line(1), line(5, { costCentreCode: 'ZZ-9' }), line(7, { financialYear: '2031/32' })]
		);
		expect(r.unknownCodes.map((l) => [l.costCentreCode, l.flag])).toEqual([
			['ZZ-9', 'Not a cost centre of the shared service']
		]);
		expect(r.unknownYears.map((l) => l.flag)).toEqual([
			'The shared service recharged you nothing in 2031/32'
		]);
		expect(r.yearsWithoutLedger).toEqual(['2027/28']);
	});

	it('shows recharges with no cost centre on the key as their own row', () => {
		const r = run([recharge(300, { costCentreId: null })], [line(300)]);
		expect(r.rows.map((x) => [x.costCentre, x.rechargedPence, x.ledgerPence])).toEqual([
			['NCC-ICT-100 Corporate ICT', 0, 300],
			['No cost centre named on the key', 300, 0]
		]);
	});

	it('says when no ledger has been uploaded', () => {
		expect(run([recharge(1)], []).status).toBe('Not reconciled: no ledger extract uploaded yet');
	});
});
