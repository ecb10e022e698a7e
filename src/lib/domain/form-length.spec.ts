/**
 * Issue 12 finding 3 ('echoed back'): a failure page repeated whatever was typed, bounded only by
 * the 1 MB body limit. The one text rule now gives every field a limit: longer text is refused with
 * the limit in words, and what the page repeats back is cut to the limit. Here the rule itself, as a
 * property over any text and limit, and every form's parser, as a table, one character over.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	MAX_FIELD_READ,
	QUOTE_CHARS,
	TEXT_LIMITS,
	cutToLength,
	quoted,
	refuseUnsafeField,
	refuseUnsafeText,
	text,
	textLength,
	texts,
	tooLongMessage
} from './forms/form-text';
import { EMPTY_SYSTEM_FORM, parseSystemForm, readSystemForm } from './systems/system-form';
import {
	CASE_LIMITS,
	parseBenefitForm,
	parseCaseDetailsForm,
	parseOptionForm,
	parseRiskForm,
	readCaseDetailsForm,
	readOptionForm
} from './business-cases/business-case-form';
import {
	DECISION_LIMITS,
	parseDecisionForm,
	readDecisionForm
} from './business-cases/business-case-decision-form';
import {
	COST_LINE_DESCRIPTION_MAX,
	EMPTY_COST_LINE_FORM,
	parseCostLineForm,
	parseFundingSourceForm
} from './costs';
import { NOTES_MAX, notesError } from './costs/cost-form';
import { MILESTONE_NOTE_MAX, parseMilestoneForm } from './milestones/milestone-form';
import { REVIEW_LIMITS, parseReview, readReviewForm } from './systems/review-form';
import { checkNewUser } from './users/user-form';
import { BASIS_MAX, parseDirectCostForm } from './systems/outage-view';
import { parseOutageForm } from './systems/outage';
import { REPORT_LIMITS, draftErrors } from './reports/report-draft';
import { readDraftForm } from './reports/report-form';
import { parsePounds } from './money';
import { parseDateInput } from './dates';
import { parseFinancialYear } from './fiscal';

/** Text with line breaks (posted as CR LF), astral characters and plain letters. */
const typed = fc
	.array(fc.constantFrom('a', 'é', ' ', '\r\n', '\n', '😀', 'Z'), { maxLength: 60 })
	.map((parts) => parts.join(''));

describe('the length rule', () => {
	it('refuses exactly the text longer than its limit, naming the limit, and hands back at most the limit', () => {
		fc.assert(
			fc.property(typed, fc.integer({ min: 1, max: 40 }), (value, max) => {
				const errors: Record<string, string> = {};
				const shown = refuseUnsafeField(errors, 'f', value, 'Field', 'multiline', max);
				if (textLength(value) <= max) {
					expect(errors.f).toBeUndefined();
					expect(shown).toBe(value);
				} else {
					expect(errors.f).toBe(tooLongMessage('Field', max));
					expect(textLength(shown)).toBe(max);
					expect(value.replace(/\r\n/g, '\n').startsWith(shown)).toBe(true);
				}
			}),
			{ numRuns: 2000 }
		);
	});

	it('counts a line break once, as a browser’s maxlength does, though the form posts CR LF', () => {
		expect(textLength('a\r\nb')).toBe(3);
		const errors: Record<string, string> = {};
		expect(refuseUnsafeField(errors, 'f', 'a\r\nb', 'Field', 'multiline', 3)).toBe('a\r\nb');
		expect(errors).toEqual({});
		expect(cutToLength('ab\r\ncd', 4)).toBe('ab\nc');
	});

	it('uses the kind’s limit unless the form sets one, and cuts only the fields over it, in place', () => {
		const values = {
			name: 'n'.repeat(501),
			notes: 'x'.repeat(10_001),
			short: 'fine',
			own: 'o'.repeat(101)
		};
		const errors: Record<string, string> = {};
		refuseUnsafeText(
			errors,
			values,
			{ name: 'Name', notes: 'Notes', short: 'Short', own: 'Own' },
			['notes'],
			{ own: 100 }
		);
		expect(errors).toEqual({
			name: 'Name must be 500 characters or fewer',
			notes: 'Notes must be 10,000 characters or fewer',
			own: 'Own must be 100 characters or fewer'
		});
		expect([values.name.length, values.notes.length, values.short, values.own.length]).toEqual([
			TEXT_LIMITS.line,
			TEXT_LIMITS.multiline,
			'fine',
			100
		]);
	});

	it('reads no field as more than MAX_FIELD_READ characters, however much is posted', () => {
		const form = new FormData();
		form.set('name', ` ${'x'.repeat(500_000)}`);
		form.append('row', 'y'.repeat(500_000));
		form.append('row', ' b ');
		expect(text(form, 'name')).toHaveLength(MAX_FIELD_READ);
		expect(texts(form, 'row').map((v) => v.length)).toEqual([MAX_FIELD_READ, 1]);
		expect(text(form, 'missing')).toBe('');
	});

	it('never cuts text within the longest limit, however many line breaks it posts as CR LF', () => {
		const section = 'a\r\n'.repeat(10_000); // 20,000 characters as typed, 30,000 as posted
		const form = new FormData();
		form.set('strategic', section);
		expect(text(form, 'strategic')).toBe(section.trim());
		const errors: Record<string, string> = {};
		refuseUnsafeField(
			errors,
			'strategic',
			text(form, 'strategic'),
			'Strategic case',
			'multiline',
			CASE_LIMITS.section
		);
		expect(errors).toEqual({});
	});

	it('quotes at most QUOTE_CHARS of what was typed in a message', () => {
		const long = '9'.repeat(1000) + 'x';
		for (const reason of [parsePounds(long), parseDateInput(long), parseFinancialYear(long)].map(
			(r) => (r.ok ? '' : r.reason)
		)) {
			expect(reason).toContain(`'${quoted(long)}'`);
			expect(reason.length).toBeLessThan(QUOTE_CHARS + 120);
		}
		expect(quoted(' short ')).toBe('short');
	});
});

const over = (n: number) => 'a'.repeat(n + 1);
const form = (fields: Record<string, string | string[]>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) f.append(k, one);
	return f;
};

/** Each form's parser with one field one character over its limit: [form, field, label, limit, error and echoed value]. */
const cases: [string, string, string, number, () => { error?: string; echoed: string }][] = [
	[
		'system',
		'name',
		'Name',
		200,
		() => {
			const p = parseSystemForm(readSystemForm(form({ name: over(200) })), {
				directorateIds: new Set(),
				serviceAreaDirectorate: new Map()
			});
			return { error: p.ok ? undefined : p.errors.name, echoed: p.ok ? '' : p.values.name };
		}
	],
	[
		'system',
		'description',
		'Description',
		4000,
		() => {
			const p = parseSystemForm(
				{ ...EMPTY_SYSTEM_FORM, name: 'Fine', description: over(4000) },
				{ directorateIds: new Set(), serviceAreaDirectorate: new Map() }
			);
			return {
				error: p.ok ? undefined : p.errors.description,
				echoed: p.ok ? '' : p.values.description
			};
		}
	],
	[
		'system',
		'annualRunCost',
		'Annual run cost',
		TEXT_LIMITS.line,
		() => {
			const p = parseSystemForm(
				{ ...EMPTY_SYSTEM_FORM, name: 'Fine', annualRunCost: '9'.repeat(501) },
				{ directorateIds: new Set(), serviceAreaDirectorate: new Map() }
			);
			return {
				error: p.ok ? undefined : p.errors.annualRunCost,
				echoed: p.ok ? '' : p.values.annualRunCost
			};
		}
	],
	[
		'business case details',
		'title',
		'Title',
		CASE_LIMITS.title,
		() => {
			const p = parseCaseDetailsForm(readCaseDetailsForm(form({ title: over(200) })), {
				workstreamIds: new Set(),
				systemIds: new Set()
			});
			return { error: p.ok ? undefined : p.errors.title, echoed: p.ok ? '' : p.values.title };
		}
	],
	[
		'business case details',
		'strategic',
		'Strategic case',
		CASE_LIMITS.section,
		() => {
			const p = parseCaseDetailsForm(readCaseDetailsForm(form({ strategic: over(20_000) })), {
				workstreamIds: new Set(),
				systemIds: new Set()
			});
			return {
				error: p.ok ? undefined : p.errors.strategic,
				echoed: p.ok ? '' : p.values.sections.strategic
			};
		}
	],
	[
		'risk',
		'title',
		'Risk',
		CASE_LIMITS.riskTitle,
		() => {
			const p = parseRiskForm({
				title: over(300),
				description: '',
				owner: 'Me',
				mitigation: '',
				inherentLikelihood: '1',
				inherentImpact: '1',
				residualLikelihood: '1',
				residualImpact: '1'
			});
			return { error: p.ok ? undefined : p.errors.title, echoed: p.ok ? '' : p.values.title };
		}
	],
	[
		'benefit',
		'measure',
		'Measure',
		CASE_LIMITS.measure,
		() => {
			const p = parseBenefitForm({
				title: 'B',
				kind: 'cashable',
				type: 'other',
				owner: '',
				measure: over(2000),
				byYear: []
			});
			return { error: p.ok ? undefined : p.errors.measure, echoed: p.ok ? '' : p.values.measure };
		}
	],
	[
		'option',
		'costs.0.description',
		'Description',
		TEXT_LIMITS.line,
		() => {
			const p = parseOptionForm(
				readOptionForm(
					form({
						title: 'O',
						'costs.financialYear': '2026/27',
						'costs.spendType': 'capital',
						'costs.amount': '1',
						'costs.description': over(500)
					})
				)
			);
			return {
				error: p.ok ? undefined : p.errors['costs.0.description'],
				echoed: p.ok ? '' : p.values.costs[0]!.description
			};
		}
	],
	[
		'decision',
		'minuteRef',
		'Minute reference',
		DECISION_LIMITS.minuteRef,
		() => {
			const p = parseDecisionForm(readDecisionForm(form({ minuteRef: over(100) })), {
				today: '2026-12-01'
			});
			return {
				error: p.ok ? undefined : p.errors.minuteRef,
				echoed: p.ok ? '' : p.values.minuteRef
			};
		}
	],
	[
		'cost line',
		'description',
		'Description',
		COST_LINE_DESCRIPTION_MAX,
		() => {
			const p = parseCostLineForm(
				{ ...EMPTY_COST_LINE_FORM, description: over(1000) },
				{ fundingSourceIds: new Set() }
			);
			return {
				error: p.ok ? undefined : p.errors.description,
				echoed: p.ok ? '' : p.values.description
			};
		}
	],
	[
		'funding source',
		'name',
		'Name',
		TEXT_LIMITS.name,
		() => {
			const p = parseFundingSourceForm({
				name: over(200),
				kind: 'grant',
				spendType: 'capital',
				allocations: []
			});
			return { error: p.ok ? undefined : p.errors.name, echoed: p.ok ? '' : p.values.name };
		}
	],
	[
		'funding source',
		'notes',
		'Notes',
		NOTES_MAX,
		() => {
			const values = { notes: over(2000) };
			return { error: notesError(values).notes, echoed: values.notes };
		}
	],
	[
		'milestone',
		'note',
		'Note',
		MILESTONE_NOTE_MAX,
		() => {
			const p = parseMilestoneForm(
				{
					kind: 'go_live',
					plannedDate: '01/04/2027',
					forecastDate: '',
					actualDate: '',
					note: over(1000)
				},
				{ today: '2026-12-01' }
			);
			return { error: p.ok ? undefined : p.errors.note, echoed: p.ok ? '' : p.values.note };
		}
	],
	[
		'review',
		'replace.rationale',
		'Reason for replace with the new main system',
		REVIEW_LIMITS.rationale,
		() => {
			const p = parseReview(
				readReviewForm(
					form({ reviewedOn: '01/11/2026', reviewer: 'Group', 'replace.rationale': over(4000) })
				),
				new Set()
			);
			return {
				error: p.ok ? undefined : p.errors['replace.rationale'],
				echoed: p.ok ? '' : p.values.outcomes.replace.rationale
			};
		}
	],
	[
		'new user',
		'displayName',
		'Name',
		TEXT_LIMITS.name,
		() => {
			const values = { email: 'a@example.gov.uk', displayName: over(200), role: 'viewer' };
			const checked = checkNewUser(values, 'a long passphrase here', ['viewer']);
			return {
				error: checked.ok ? undefined : checked.errors.displayName,
				echoed: values.displayName
			};
		}
	],
	[
		'outage default',
		'basis',
		'How it was worked out',
		BASIS_MAX,
		() => {
			const p = parseDirectCostForm({ costPerUserHour: '13', basis: over(300) });
			return { error: p.ok ? undefined : p.errors.basis, echoed: p.ok ? '' : p.values.basis };
		}
	],
	[
		'outage',
		'outageHours',
		'Outage hours',
		TEXT_LIMITS.line,
		() => {
			const p = parseOutageForm({
				concurrentUsers: '10',
				outageHours: '1'.repeat(501),
				costPerUserHour: ''
			});
			return {
				error: p.ok ? undefined : p.errors.outageHours,
				echoed: p.ok ? '' : p.values.outageHours
			};
		}
	],
	[
		'report draft',
		'summary',
		'Summary',
		REPORT_LIMITS.summary,
		() => {
			const read = readDraftForm(
				form({ title: 'T', summary: `${over(REPORT_LIMITS.summary)}${'z'.repeat(400_000)}` }),
				[]
			);
			return { error: draftErrors(read.draft, new Set()).summary, echoed: read.values.summary! };
		}
	]
];

describe('every form, one character over a field’s limit', () => {
	it.each(cases)(
		'%s: %s is refused with its limit and repeated back cut to it',
		(_form, _field, label, limit, run) => {
			const { error, echoed } = run();
			expect(error).toBe(`${label} must be ${limit.toLocaleString('en-GB')} characters or fewer`);
			expect(echoed.length).toBeGreaterThanOrEqual(limit);
			expect(echoed.length).toBeLessThanOrEqual(limit + 1);
		}
	);
});
