import { describe, expect, it } from 'vitest';
import {
	EMPTY_SYSTEM_FORM,
	SYSTEM_FIELD_LABEL,
	SYSTEM_TEXT_FIELDS,
	parseSystemForm,
	systemToFormValues,
	type SystemFormValues
} from './system-form';
import { describeChanges, readOriginalValues } from '../forms/form-conflict';

const context = {
	directorateIds: new Set([1, 2]),
	serviceAreaDirectorate: new Map([
		[10, 1],
		[20, 2]
	])
};
const valid: SystemFormValues = {
	...EMPTY_SYSTEM_FORM,
	name: 'CareFlow',
	hosting: 'saas',
	criticality: 'high',
	personalData: 'special_category',
	annualRunCost: '£12,500.00',
	userCount: '1,200',
	contractStart: '01/04/2024',
	contractEnd: '31/03/2027',
	contractNotice: '30/09/2026',
	serviceAreaId: '10'
};

describe('parseSystemForm', () => {
	it('turns typed text into a record: pence, ISO dates, numbers, the directorate from the service area', () => {
		const result = parseSystemForm(valid, context);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value).toMatchObject({
			annualRunCostPence: 1250000,
			userCount: 1200,
			contractStart: '2024-04-01',
			contractEnd: '2027-03-31',
			contractNotice: '2026-09-30',
			serviceAreaId: 10,
			directorateId: 1,
			lifecycle: 'live',
			externalRef: null
		});
	});

	it.each<[string, Partial<SystemFormValues>, string, RegExp]>([
		['a missing name', { name: '' }, 'name', /Enter the name/],
		['no hosting', { hosting: '' }, 'hosting', /how the system is hosted/],
		['a shorthand cost', { annualRunCost: '12.5k' }, 'annualRunCost', /shorthand/],
		['a negative cost', { annualRunCost: '-5' }, 'annualRunCost', /negative/],
		['users as words', { userCount: 'lots' }, 'userCount', /whole number/],
		['an end before the start', { contractEnd: '31/03/2023' }, 'contractEnd', /on or after/],
		['notice after the end', { contractNotice: '01/04/2027' }, 'contractNotice', /on or before/],
		[
			'a service area of another directorate',
			{ directorateId: '2' },
			'serviceAreaId',
			/chosen directorate/
		],
		[
			'a directorate of another organisation',
			{ directorateId: '99', serviceAreaId: '' },
			'directorateId',
			/from the list/
		],
		['archived chosen on the form', { lifecycle: 'archived' }, 'lifecycle', /lifecycle/],
		['an over-long name', { name: 'x'.repeat(201) }, 'name', /200 characters/]
	])('refuses %s against its field, keeping what was typed', (_n, change, field, message) => {
		const values = { ...valid, ...change };
		const result = parseSystemForm(values, context);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors[field]).toMatch(message);
		expect(result.values).toEqual(values);
	});
});

describe('conflicts', () => {
	it('lists what someone else changed, beside what was typed', () => {
		const original = { ...valid };
		const saved = { ...valid, supplier: 'New Supplier Ltd', userCount: '1300' };
		const yours = { ...valid, name: 'CareFlow 8' };
		expect(describeChanges(SYSTEM_TEXT_FIELDS, SYSTEM_FIELD_LABEL, original, saved, yours)).toEqual(
			[
				{ field: 'supplier', label: 'Supplier', before: '', saved: 'New Supplier Ltd', yours: '' },
				{
					field: 'userCount',
					label: 'Number of users',
					before: '1,200',
					saved: '1300',
					yours: '1,200'
				}
			]
		);
	});

	it('survives a tampered copy of the original', () => {
		expect(readOriginalValues('{not json', SYSTEM_TEXT_FIELDS)).toBeNull();
		expect(
			readOriginalValues(JSON.stringify({ name: 'A', version: 99 }), SYSTEM_TEXT_FIELDS)?.name
		).toBe('A');
	});

	it('shows a stored record as the form shows it', () => {
		const values = systemToFormValues({
			name: 'X',
			description: '',
			supplier: '',
			product: '',
			hosting: 'saas',
			businessOwner: '',
			technicalOwner: '',
			contactName: '',
			contactEmail: '',
			contactPhone: '',
			userCount: 5,
			annualRunCostPence: 1250050,
			contractStart: '2024-04-01',
			contractEnd: null,
			contractNotice: null,
			criticality: 'low',
			statutoryDuties: '',
			personalData: 'none',
			lifecycle: 'live',
			directorateId: 1,
			serviceAreaId: null,
			externalRef: null
		});
		expect(values).toMatchObject({
			annualRunCost: '12500.50',
			contractStart: '01/04/2024',
			contractEnd: '',
			userCount: '5',
			directorateId: '1',
			serviceAreaId: ''
		});
	});
});
