/** The recovery test form: plan version, type, date, testers, each system's recovery, result, evidence, findings. */
import { refuseUnsafeField, refuseUnsafeText, text } from '../forms/form-text';
import type { FieldErrors, Parsed } from '../systems/review';
import { parseDuration } from './duration';
import { TEST_RESULTS, TEST_TYPES, type TestResult, type TestType } from './recovery';
import { oneOf, ids, date } from './form-fields';

export const TEST_LABELS = {
	testType: 'Type of test',
	testedOn: 'Date of the test',
	result: 'Result',
	evidence: 'Evidence',
	findings: 'Findings'
} as const;
export const MAX_FINDING_ROWS = 3;
export interface FindingValues {
	description: string;
	owner: string;
	dueOn: string;
}
export type TestValues = Record<keyof typeof TEST_LABELS, string> & {
	testerIds: number[];
	systems: Record<number, { achieved: string; dataLoss: string }>;
	actions: FindingValues[];
};
export interface TestInput {
	testType: TestType;
	testedOn: string;
	result: TestResult;
	evidence: string;
	testerIds: number[];
	systems: { systemId: number; achievedMinutes: number; dataLossMinutes: number | null }[];
	actions: { description: string; owner: string; dueOn: string }[];
}

/** Reads the test form; `systemIds` are the systems the plan covers (the form has a row for each). */
export function readTestForm(form: FormData, systemIds: readonly number[]): TestValues {
	const v = Object.fromEntries(Object.keys(TEST_LABELS).map((k) => [k, text(form, k)])) as Record<
		keyof typeof TEST_LABELS,
		string
	>;
	return {
		...v,
		testerIds: ids(form, 'testerIds'),
		systems: Object.fromEntries(
			systemIds.map((id) => [
				id,
				{ achieved: text(form, `achieved.${id}`), dataLoss: text(form, `dataLoss.${id}`) }
			])
		),
		actions: Array.from({ length: MAX_FINDING_ROWS }, (_, i) => ({
			description: text(form, `action.${i}.description`),
			owner: text(form, `action.${i}.owner`),
			dueOn: text(form, `action.${i}.dueOn`)
		}))
	};
}

export function parseTestForm(values: TestValues): Parsed<TestInput, TestValues> {
	const errors: FieldErrors = {};
	refuseUnsafeText(
		errors,
		values,
		{ evidence: TEST_LABELS.evidence, findings: TEST_LABELS.findings },
		['evidence', 'findings']
	);
	if (!oneOf(TEST_TYPES, values.testType)) errors.testType = 'Choose the type of test';
	const testedOn = date(errors, 'testedOn', TEST_LABELS.testedOn, values.testedOn);
	if (!oneOf(TEST_RESULTS, values.result)) errors.result = 'Choose the result';
	if (values.testerIds.length === 0) errors.testerIds = 'Choose at least one tester';
	const systems: TestInput['systems'] = [];
	for (const [id, s] of Object.entries(values.systems)) {
		if (s.achieved === '' && s.dataLoss === '') continue;
		const achieved = s.achieved === '' ? null : parseDuration(s.achieved);
		if (!achieved)
			errors[`achieved.${id}`] =
				'Enter the recovery time achieved, like 3h30m, or leave both blank if not tested';
		else if (!achieved.ok) errors[`achieved.${id}`] = `Recovery time achieved ${achieved.reason}`;
		const loss = s.dataLoss === '' || s.dataLoss === '0' ? null : parseDuration(s.dataLoss);
		if (loss && !loss.ok) errors[`dataLoss.${id}`] = `Data loss ${loss.reason}`;
		if (achieved?.ok && (!loss || loss.ok))
			systems.push({
				systemId: Number(id),
				achievedMinutes: achieved.minutes,
				dataLossMinutes: s.dataLoss === '0' ? 0 : loss?.ok ? loss.minutes : null
			});
	}
	const actions: TestInput['actions'] = [];
	values.actions.forEach((a, i) => {
		const p = `action.${i}`;
		a.description = refuseUnsafeField(
			errors,
			`${p}.description`,
			a.description,
			`Finding ${i + 1}`,
			'line'
		);
		a.owner = refuseUnsafeField(
			errors,
			`${p}.owner`,
			a.owner,
			`Owner of finding ${i + 1}`,
			'line',
			200
		);
		if (a.description === '' && a.owner === '' && a.dueOn === '') return;
		if (a.description === '')
			errors[`${p}.description`] = `Enter finding ${i + 1}, or clear its owner and due date`;
		if (a.owner === '') errors[`${p}.owner`] = `Enter who owns the action from finding ${i + 1}`;
		const due = date(errors, `${p}.dueOn`, `Due date of finding ${i + 1}`, a.dueOn);
		if (a.description && a.owner && due)
			actions.push({ description: a.description, owner: a.owner, dueOn: due });
	});
	if (Object.keys(errors).length > 0) return { ok: false, values, errors };
	return {
		ok: true,
		value: {
			testType: values.testType as TestType,
			testedOn: testedOn!,
			result: values.result as TestResult,
			evidence: values.evidence,
			testerIds: values.testerIds,
			systems,
			actions
		}
	};
}
