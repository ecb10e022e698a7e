import { describe, expect, it } from 'vitest';
import { parseMeetingForm, parseObjectiveForm, parseTestForm, type TestValues } from './forms';
import { checkAttachment, checkLink } from './documents';

describe('objectives form', () => {
	const ok = {
		rto: '4h',
		rpo: '30m',
		mtpd: '2d',
		restorationOrder: '1',
		agreedBy: 'Head of Revenues',
		agreedOn: '01/04/2026'
	};
	it('reads the typed durations', () => {
		expect(parseObjectiveForm({ ...ok })).toEqual({
			ok: true,
			value: {
				rtoMinutes: 240,
				rpoMinutes: 30,
				mtpdMinutes: 2880,
				restorationOrder: 1,
				agreedBy: 'Head of Revenues',
				agreedOn: '2026-04-01'
			}
		});
	});
	it('refuses RTO above MTPD, zero and negative, naming the field', () => {
		const above = parseObjectiveForm({ ...ok, rto: '3d' });
		expect(!above.ok && above.errors.rto).toMatch(
			/must not be longer than the maximum tolerable period/
		);
		const zero = parseObjectiveForm({ ...ok, rpo: '0m', mtpd: '-1h' });
		expect(!zero.ok && zero.errors).toMatchObject({
			rpo: 'Recovery point objective must be more than zero',
			mtpd: 'Maximum tolerable period of disruption must be more than zero'
		});
	});
});

describe('test form', () => {
	const values = (over: Partial<TestValues> = {}): TestValues => ({
		testType: 'full_failover',
		testedOn: '14/11/2026',
		result: 'passed',
		evidence: 'log',
		findings: '',
		testerIds: [3],
		systems: { 10: { achieved: '3h', dataLoss: '0' } },
		actions: [{ description: '', owner: '', dueOn: '' }],
		...over
	});
	it('reads systems and actions', () => {
		const parsed = parseTestForm(
			values({
				actions: [
					{ description: 'Runbook step 4 wrong', owner: 'Infrastructure lead', dueOn: '31/01/2027' }
				]
			})
		);
		expect(parsed.ok && parsed.value.systems).toEqual([
			{ systemId: 10, achievedMinutes: 180, dataLossMinutes: 0 }
		]);
		expect(parsed.ok && parsed.value.actions).toEqual([
			{ description: 'Runbook step 4 wrong', owner: 'Infrastructure lead', dueOn: '2027-01-31' }
		]);
	});
	it('a finding needs an owner and a due date', () => {
		const parsed = parseTestForm(
			values({ actions: [{ description: 'Backups slow', owner: '', dueOn: '' }] })
		);
		expect(!parsed.ok && parsed.errors).toMatchObject({
			'action.0.owner': 'Enter who owns the action from finding 1',
			'action.0.dueOn': 'Enter due date of finding 1'
		});
	});
	it('needs a tester', () => {
		const parsed = parseTestForm(values({ testerIds: [] }));
		expect(!parsed.ok && parsed.errors.testerIds).toBe('Choose at least one tester');
	});
});

describe('meeting form', () => {
	it('refuses a meeting with no partner present', () => {
		const parsed = parseMeetingForm({
			body: 'joint_committee',
			meetingOn: '12/03/2026',
			title: 'Joint Committee',
			minutesUrl: '',
			attendees: { 1: '', 2: '' }
		});
		expect(!parsed.ok && parsed.errors.attendees).toMatch(/no partner present/);
	});
});

describe('attachments and links', () => {
	const bytes = (s: string) => new TextEncoder().encode(s);
	it('accepts a PDF that is a PDF', () => {
		expect(checkAttachment('plan.pdf', bytes('%PDF-1.7 ...'))).toEqual({ ok: true, ext: 'pdf' });
	});
	it('refuses a web page, whatever it is called, and other types', () => {
		expect(checkAttachment('plan.html', bytes('<html>')).ok).toBe(false);
		expect(checkAttachment('plan.pdf', bytes('<html><script>alert(1)</script>')).ok).toBe(false);
		expect(checkAttachment('notes.txt', bytes('<!DOCTYPE html><html>')).ok).toBe(false);
		expect(checkAttachment('plan.docx', bytes('not a zip')).ok).toBe(false);
		expect(checkAttachment('plan.pdf', new Uint8Array(0)).ok).toBe(false);
		expect(checkAttachment('plan.pdf', new Uint8Array(901 * 1024).fill(37)).ok).toBe(false);
	});
	it('takes only http(s) links', () => {
		expect(checkLink('https://intranet.example.gov.uk/bcp.pdf')).toBeNull();
		expect(checkLink('javascript:alert(1)')).not.toBeNull();
		expect(checkLink('/relative')).not.toBeNull();
	});
});
