import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { VOCABULARIES, valueOf, valueWords, type ValueSet } from './value-words';

describe('valueOf: a council’s own words', () => {
	it.each([
		['hosting', 'SaaS', 'saas'],
		['hosting', 'Cloud', 'saas'],
		['hosting', 'Cloud hosted', 'saas'],
		['hosting', 'cloud-hosted', 'saas'],
		['hosting', 'Software as a Service', 'saas'],
		['hosting', 'Hosted', 'hosted'],
		['hosting', 'Externally hosted', 'hosted'],
		['hosting', 'on-prem', 'on_premises'],
		['hosting', 'On Premises', 'on_premises'],
		['hosting', 'On-premises', 'on_premises'],
		['hosting', 'in house', 'on_premises'],
		['hosting', 'In-House', 'on_premises'],
		['hosting', 'Data Centre', 'on_premises'],
		['criticality', 'High', 'high'],
		['criticality', 'med', 'medium'],
		['criticality', 'Med.', 'medium'],
		['criticality', 'LOW', 'low'],
		['criticality', 'critical', 'critical'],
		['personalData', 'Yes', 'personal'],
		['personalData', 'Y', 'personal'],
		['personalData', 'no', 'none'],
		['personalData', 'N', 'none'],
		['personalData', 'Special category', 'special_category'],
		['lifecycle', 'Live', 'live'],
		['lifecycle', 'in use', 'live'],
		['lifecycle', 'Being replaced', 'being_replaced'],
		['lifecycle', 'retired', 'decommissioned'],
		['outcome', 'retire', 'decommission'],
		['outcome', 'Sunset', 'decommission'],
		['outcome', 'switch off', 'decommission'],
		['outcome', 'Switch-off', 'decommission'],
		['outcome', 'keep', 'maintain'],
		['outcome', 'Tolerate', 'maintain'],
		['outcome', 'Maintain only', 'maintain'],
		['outcome', 'invest', 'develop'],
		['outcome', 'Enhance', 'develop'],
		['outcome', 'Development required', 'develop'],
		['outcome', 'migrate', 'replace'],
		['outcome', 'Replace', 'replace'],
		['outcome', 'Replace with the new main system', 'replace'],
		['outcomeStatus', 'Agreed', 'agreed'],
		['outcomeStatus', 'yes', 'agreed'],
		['outcomeStatus', 'Draft', 'proposed'],
		['outcomeStatus', 'Signed-off', 'agreed'],
		['spendType', 'Capex', 'capital'],
		['spendType', 'OPEX', 'revenue'],
		['spendType', 'Revenue', 'revenue'],
		['costCategory', 'Support & maintenance', 'support_maintenance'],
		['costCategory', 'license', 'licence'],
		['costCategory', 'Data migration', 'data_migration'],
		['confidence', 'Estimated', 'estimate'],
		['confidence', 'actuals', 'actual'],
		['confidence', 'Committed', 'committed'],
		// The cost import's sets, as finance teams write them.
		['spendType', 'CapEx', 'capital'],
		['spendType', 'Cap', 'capital'],
		['spendType', 'cap.', 'capital'],
		['spendType', 'Capital expenditure', 'capital'],
		['spendType', 'Op-Ex', 'revenue'],
		['spendType', 'Rev', 'revenue'],
		['spendType', 'REV.', 'revenue'],
		['spendType', 'Running costs', 'revenue'],
		['costCategory', 'Licences & subscriptions', 'licence'],
		['costCategory', 'Maintenance & support', 'support_maintenance'],
		['costCategory', 'Set-up', 'implementation'],
		['costCategory', 'Data conversion', 'data_migration'],
		['costCategory', 'Exit costs', 'decommissioning'],
		['costCategory', 'Backfill', 'staff_backfill'],
		['costCategory', 'Risk allowance', 'contingency'],
		['confidence', 'Forecast', 'estimate'],
		['confidence', 'Indicative', 'estimate'],
		['confidence', 'PO raised', 'committed'],
		['confidence', 'Outturn', 'actual'],
		['confidence', 'Invoiced', 'actual']
	] as [ValueSet, string, string][])('%s: %j is %s', (set, text, code) => {
		expect(valueOf(set, text)).toBe(code);
	});

	it.each([
		['hosting', 'Mainframe'],
		['hosting', ''],
		['criticality', 'Very'],
		['personalData', 'maybe'],
		['outcome', 'Review later'],
		['outcomeStatus', 'pending'],
		['spendType', 'Both'],
		['confidence', 'Maybe'],
		// Not guessed: one-off revenue costs are as common as capital ones; 'professional services' may be any of several categories.
		['spendType', 'One-off'],
		['spendType', 'one off'],
		['costCategory', 'Professional services'],
		['confidence', 'Approved']
	] as [ValueSet, string][])('%s: %j is not guessed', (set, text) => {
		expect(valueOf(set, text)).toBeNull();
	});

	it('knows every value by its own label and code, in any case, spacing and punctuation', () => {
		for (const [set, v] of Object.entries(VOCABULARIES) as [
			ValueSet,
			(typeof VOCABULARIES)[ValueSet]
		][]) {
			for (const code of v.codes) {
				const label = (v.labels as Record<string, string>)[code]!;
				expect(valueOf(set, label)).toBe(code);
				expect(valueOf(set, ` ${label.toUpperCase()}. `)).toBe(code);
				expect(valueOf(set, code)).toBe(code);
			}
		}
	});

	it.each([
		'not assessed',
		'Not yet assessed',
		'Unknown',
		'TBC',
		't.b.c.',
		'Not known',
		'To be confirmed',
		'not_assessed'
	])('reads %j as Not yet assessed, for criticality and personal data', (text) => {
		expect(valueOf('criticality', text)).toBe('not_assessed');
		expect(valueOf('personalData', text)).toBe('not_assessed');
	});

	it('keeps every other synonym meaning what it meant before Not yet assessed was added', () => {
		const before: Record<string, string> = {
			l: 'low',
			lo: 'low',
			m: 'medium',
			med: 'medium',
			moderate: 'medium',
			h: 'high',
			hi: 'high',
			'very high': 'critical',
			'business critical': 'critical',
			'mission critical': 'critical'
		};
		for (const [word, code] of Object.entries(before))
			expect(valueOf('criticality', word)).toBe(code);
		for (const [word, code] of [
			['yes', 'personal'],
			['no', 'none'],
			['n', 'none'],
			['nil', 'none'],
			['no personal data', 'none'],
			['pii', 'personal'],
			['sensitive', 'special_category']
		]) {
			expect(valueOf('personalData', word!)).toBe(code);
		}
		// Only the two sets that have the value read 'unknown' as it; the rest still ask the officer.
		for (const set of [
			'hosting',
			'lifecycle',
			'outcome',
			'outcomeStatus',
			'spendType',
			'costCategory',
			'confidence'
		] as ValueSet[])
			expect(valueOf(set, 'Unknown')).toBeNull();
	});

	it('lists synonyms only in the form they are matched in, each naming a real value', () => {
		for (const v of Object.values(VOCABULARIES)) {
			for (const [word, code] of Object.entries(v.synonyms)) {
				expect(valueWords(word)).toBe(word);
				expect(v.codes as readonly string[]).toContain(code);
			}
		}
	});

	it('ignores case and punctuation around any known word', () => {
		const known = Object.entries(VOCABULARIES.hosting.synonyms);
		fc.assert(
			fc.property(
				fc.constantFrom(...known),
				fc.constantFrom('', ' ', '.', '-', '  '),
				fc.boolean(),
				([word, code], pad, upper) => {
					const text = `${pad}${upper ? word.toUpperCase() : word}${pad}`;
					expect(valueOf('hosting', text)).toBe(code);
				}
			)
		);
	});
});
