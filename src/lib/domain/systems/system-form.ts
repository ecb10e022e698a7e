/**
 * The system create/edit form: what was typed (kept as text so an invalid form comes back exactly
 * as entered) and the checked record it becomes. Organisation, version and lifecycle 'archived'
 * are never read from the form.
 */
import { parseDateInput, isoToInput } from '../dates';
import { parsePounds, penceToInput } from '../money';
import {
	CRITICALITY,
	HOSTING,
	LIFECYCLE,
	PERSONAL_DATA,
	isOneOf,
	type Criticality,
	type Hosting,
	type Lifecycle,
	type PersonalData
} from './system';
import type { FieldErrors, Parsed } from './review';
import { refuseUnsafeText, text } from '../forms/form-text';

export const SYSTEM_TEXT_FIELDS = [
	'name',
	'description',
	'supplier',
	'product',
	'hosting',
	'businessOwner',
	'technicalOwner',
	'contactName',
	'contactEmail',
	'contactPhone',
	'userCount',
	'annualRunCost',
	'contractStart',
	'contractEnd',
	'contractNotice',
	'criticality',
	'statutoryDuties',
	'personalData',
	'lifecycle',
	'directorateId',
	'serviceAreaId',
	'externalRef'
] as const;
export type SystemFormField = (typeof SYSTEM_TEXT_FIELDS)[number];
export type SystemFormValues = Record<SystemFormField, string>;

export interface SystemInput {
	name: string;
	description: string;
	supplier: string;
	product: string;
	hosting: Hosting;
	businessOwner: string;
	technicalOwner: string;
	contactName: string;
	contactEmail: string;
	contactPhone: string;
	userCount: number | null;
	annualRunCostPence: number | null;
	contractStart: string | null;
	contractEnd: string | null;
	contractNotice: string | null;
	criticality: Criticality;
	statutoryDuties: string;
	personalData: PersonalData;
	lifecycle: Exclude<Lifecycle, 'archived'>;
	directorateId: number | null;
	serviceAreaId: number | null;
	externalRef: string | null;
}

/** Field names, in the order the form shows them, with the label used in error messages and conflicts. */
export const SYSTEM_FIELD_LABEL: Record<SystemFormField, string> = {
	name: 'Name',
	description: 'Description',
	supplier: 'Supplier',
	product: 'Product',
	hosting: 'Hosting',
	businessOwner: 'Business owner',
	technicalOwner: 'Technical owner',
	contactName: 'Contact name',
	contactEmail: 'Contact email',
	contactPhone: 'Contact phone',
	userCount: 'Number of users',
	annualRunCost: 'Annual run cost',
	contractStart: 'Contract start',
	contractEnd: 'Contract end',
	contractNotice: 'Contract notice date',
	criticality: 'Criticality',
	statutoryDuties: 'Statutory duties supported',
	personalData: 'Personal data held',
	lifecycle: 'Lifecycle status',
	directorateId: 'Directorate',
	serviceAreaId: 'Service area',
	externalRef: 'External reference'
};

/** Each field's limit where it is not TEXT_LIMITS' (form-text.ts); the form's inputs carry it as maxlength. */
export const MAX_LENGTH: Partial<Record<SystemFormField, number>> = {
	name: 200,
	supplier: 200,
	product: 200,
	businessOwner: 200,
	technicalOwner: 200,
	externalRef: 100,
	contactName: 200,
	contactEmail: 254,
	contactPhone: 40,
	description: 4000,
	statutoryDuties: 2000
};

export const EMPTY_SYSTEM_FORM: SystemFormValues = Object.fromEntries(
	SYSTEM_TEXT_FIELDS.map((f) => [f, ''])
) as SystemFormValues;

export function readSystemForm(form: FormData): SystemFormValues {
	const values = { ...EMPTY_SYSTEM_FORM };
	for (const field of SYSTEM_TEXT_FIELDS) values[field] = text(form, field);
	return values;
}

/** The form's text for a stored system, for the edit page and for conflict comparison. */
export function systemToFormValues(s: {
	[K in keyof SystemInput]: SystemInput[K] | string | null;
}): SystemFormValues {
	const str = (v: unknown) => (v == null ? '' : String(v));
	return {
		name: str(s.name),
		description: str(s.description),
		supplier: str(s.supplier),
		product: str(s.product),
		hosting: str(s.hosting),
		businessOwner: str(s.businessOwner),
		technicalOwner: str(s.technicalOwner),
		contactName: str(s.contactName),
		contactEmail: str(s.contactEmail),
		contactPhone: str(s.contactPhone),
		userCount: str(s.userCount),
		annualRunCost:
			typeof s.annualRunCostPence === 'number' ? penceToInput(s.annualRunCostPence) : '',
		contractStart: isoToInput(s.contractStart as string | null),
		contractEnd: isoToInput(s.contractEnd as string | null),
		contractNotice: isoToInput(s.contractNotice as string | null),
		criticality: str(s.criticality),
		statutoryDuties: str(s.statutoryDuties),
		personalData: str(s.personalData),
		lifecycle: str(s.lifecycle),
		directorateId: str(s.directorateId),
		serviceAreaId: str(s.serviceAreaId),
		externalRef: str(s.externalRef)
	};
}

export interface SystemFormContext {
	/** Directorate ids of the caller's organisation. */
	directorateIds: ReadonlySet<number>;
	/** Service area id -> its directorate id, for the caller's organisation. */
	serviceAreaDirectorate: ReadonlyMap<number, number>;
}

/** Checks a system form; every problem is reported at once, against its field. */
export function parseSystemForm(
	values: SystemFormValues,
	context: SystemFormContext
): Parsed<SystemInput, SystemFormValues> {
	const errors: FieldErrors = {};
	if (!values.name) errors.name = 'Enter the name of the system';
	if (!isOneOf(HOSTING, values.hosting)) errors.hosting = 'Select how the system is hosted';
	if (!isOneOf(CRITICALITY, values.criticality))
		errors.criticality = "Select how critical the system is, or 'Not yet assessed'";
	if (!isOneOf(PERSONAL_DATA, values.personalData))
		errors.personalData = "Select what personal data the system holds, or 'Not yet assessed'";
	const lifecycle = values.lifecycle || 'live';
	if (!isOneOf(LIFECYCLE, lifecycle) || lifecycle === 'archived')
		errors.lifecycle = 'Select a lifecycle status';

	if (values.contactEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.contactEmail)) {
		errors.contactEmail =
			'Enter a contact email address in the correct format, like name@example.gov.uk';
	}
	if (values.contactPhone && !/^[+\d][\d\s()-]{5,39}$/.test(values.contactPhone)) {
		errors.contactPhone = 'Enter a contact phone number, like 01632 960 001 or +44 1632 960 001';
	}

	let userCount: number | null = null;
	if (values.userCount) {
		const cleaned = values.userCount.replace(/,/g, '');
		if (!/^\d{1,7}$/.test(cleaned))
			errors.userCount = 'Number of users must be a whole number, like 250';
		else userCount = Number(cleaned);
	}
	let annualRunCostPence: number | null = null;
	if (values.annualRunCost) {
		const money = parsePounds(values.annualRunCost);
		if (money.ok && money.pence < 0) errors.annualRunCost = 'Annual run cost cannot be negative';
		else if (money.ok) annualRunCostPence = money.pence;
		else errors.annualRunCost = `Annual run cost: ${money.reason}`;
	}
	const dates: Record<'contractStart' | 'contractEnd' | 'contractNotice', string | null> = {
		contractStart: null,
		contractEnd: null,
		contractNotice: null
	};
	for (const field of ['contractStart', 'contractEnd', 'contractNotice'] as const) {
		if (!values[field]) continue;
		const parsed = parseDateInput(values[field]);
		if (parsed.ok) dates[field] = parsed.iso;
		else errors[field] = `${SYSTEM_FIELD_LABEL[field]}: ${parsed.reason}`;
	}
	if (dates.contractStart && dates.contractEnd && dates.contractEnd < dates.contractStart) {
		errors.contractEnd = 'Contract end must be on or after the contract start';
	}
	if (dates.contractNotice && dates.contractEnd && dates.contractNotice > dates.contractEnd) {
		errors.contractNotice = 'Contract notice date must be on or before the contract end';
	}

	let directorateId: number | null = null;
	if (values.directorateId) {
		directorateId = Number(values.directorateId);
		if (!context.directorateIds.has(directorateId))
			errors.directorateId = 'Select a directorate from the list';
	}
	let serviceAreaId: number | null = null;
	if (values.serviceAreaId) {
		serviceAreaId = Number(values.serviceAreaId);
		const owner = context.serviceAreaDirectorate.get(serviceAreaId);
		if (owner == null) errors.serviceAreaId = 'Select a service area from the list';
		else if (directorateId != null && owner !== directorateId)
			errors.serviceAreaId = 'Select a service area in the chosen directorate';
		else directorateId ??= owner;
	}
	refuseUnsafeText(
		errors,
		values,
		SYSTEM_FIELD_LABEL,
		['description', 'statutoryDuties'],
		MAX_LENGTH
	);

	if (Object.keys(errors).length > 0) return { ok: false, values, errors };
	return {
		ok: true,
		value: {
			name: values.name,
			description: values.description,
			supplier: values.supplier,
			product: values.product,
			hosting: values.hosting as Hosting,
			businessOwner: values.businessOwner,
			technicalOwner: values.technicalOwner,
			contactName: values.contactName,
			contactEmail: values.contactEmail,
			contactPhone: values.contactPhone,
			userCount,
			annualRunCostPence,
			...dates,
			criticality: values.criticality as Criticality,
			statutoryDuties: values.statutoryDuties,
			personalData: values.personalData as PersonalData,
			lifecycle: lifecycle as Exclude<Lifecycle, 'archived'>,
			directorateId,
			serviceAreaId,
			externalRef: values.externalRef || null
		}
	};
}

export const CONTACT_FIELDS = ['contactName', 'contactEmail', 'contactPhone'] as const;

/** A named person's details on a system: personal data, masked unless revealed (services/contacts.ts). */
export type ContactFields = Record<(typeof CONTACT_FIELDS)[number], string>;

/** Whether a record names a contact (a masked record answers the same as the real one). */
export function hasContact(record: ContactFields): boolean {
	return CONTACT_FIELDS.some((field) => record[field] !== '');
}

/** Shown in place of a named person's details to roles that do not need them. */
export const MASKED = '•••••• (hidden)';

/** A copy of a record with the named person's details masked (blank stays blank). */
export function maskContact<T extends ContactFields>(record: T): T {
	const copy = { ...record };
	for (const field of CONTACT_FIELDS) if (copy[field]) copy[field] = MASKED as T[typeof field];
	return copy;
}
