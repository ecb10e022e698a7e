/**
 * Loads the demo business case through the business case services, as the demo loader (no user):
 * created, written, appraised and submitted for decision. It is left awaiting decision because a
 * decision needs a signed-in approver who did not edit the case, and the demo has no users (there
 * are no default passwords). Skipped when a case with the same title exists, so loading twice never duplicates.
 */
import * as caseService from '../business-cases';
import * as decisions from '../business-case-decisions';
import type { Actor } from '../actor';
import { DO_MINIMUM_ID, DO_MINIMUM_TITLE } from '$lib/domain/business-cases';
import {
	DEMO_BENEFITS,
	DEMO_CASE_SECTIONS,
	DEMO_CASE_TITLE,
	DEMO_CASE_WORKSTREAM,
	DEMO_DO_MINIMUM,
	DEMO_OPTIONS,
	DEMO_PREFERRED,
	DEMO_RISKS
} from './demo-business-case';

const pence = (pounds: number) => Math.round(pounds * 100);

function ok<T extends { ok: boolean }>(result: T, what: string): Extract<T, { ok: true }> {
	if (!result.ok) throw new Error(`demo business case, ${what}: ${JSON.stringify(result)}`);
	return result as Extract<T, { ok: true }>;
}

/** Returns 1 when it created the case, 0 when it was already there. */
export async function loadDemoBusinessCase(
	actor: Actor,
	workstreamIds: ReadonlyMap<string, number>
): Promise<number> {
	if (
		(await caseService.listBusinessCases(actor.organisationId)).some(
			(c) => c.title === DEMO_CASE_TITLE
		)
	)
		return 0;
	const workstreamId = workstreamIds.get(DEMO_CASE_WORKSTREAM);
	if (workstreamId == null)
		throw new Error(`demo business case: no ${DEMO_CASE_WORKSTREAM} workstream`);
	const scope = { workstreamIds: [workstreamId], systemIds: [] };
	let r = ok(
		await caseService.createBusinessCase(actor, {
			title: DEMO_CASE_TITLE,
			stage: 'outline',
			scope
		}),
		'create'
	);
	const id = r.businessCase.id;
	r = ok(
		await caseService.updateCaseDetails(actor, id, r.businessCase.version, {
			title: DEMO_CASE_TITLE,
			stage: 'outline',
			sections: DEMO_CASE_SECTIONS,
			scope,
			procurement: {
				systems: 'single',
				sourcing: 'buy',
				framework: 'Crown Commercial Service G-Cloud 14'
			},
			appraisalPeriod: { firstYear: '2026/27', years: 10 }
		}),
		'details'
	);
	const costs = (flows: typeof DEMO_DO_MINIMUM) =>
		flows.map(([financialYear, spendType, pounds, description]) => ({
			financialYear,
			spendType,
			amountPence: pence(pounds),
			description,
			source: 'entered' as const
		}));
	r = ok(
		await caseService.saveOption(actor, id, r.businessCase.version, DO_MINIMUM_ID, {
			title: DO_MINIMUM_TITLE,
			description: 'Keep the existing systems running as they are.',
			mitigatedBp: 0,
			costs: costs(DEMO_DO_MINIMUM),
			benefits: []
		}),
		'do minimum'
	);
	let preferredId = '';
	for (const o of DEMO_OPTIONS) {
		const benefits = o.benefits.map(([financialYear, kind, type, pounds, description]) => ({
			financialYear,
			kind,
			type,
			amountPence: pence(pounds),
			description,
			source: 'entered' as const
		}));
		r = ok(
			await caseService.saveOption(actor, id, r.businessCase.version, null, {
				title: o.title,
				description: o.description,
				mitigatedBp: o.mitigatedBp,
				costs: costs(o.costs),
				benefits
			}),
			o.title
		);
		const optionId = r.itemId!;
		if (o.pull)
			r = ok(
				await caseService.pullOptionFromCostModel(actor, id, r.businessCase.version, optionId),
				`pull ${o.title}`
			);
		if (o.title === DEMO_PREFERRED) preferredId = optionId;
	}
	r = ok(
		await caseService.choosePreferred(actor, id, r.businessCase.version, preferredId),
		'preferred'
	);
	for (const risk of DEMO_RISKS)
		r = ok(await caseService.saveRisk(actor, id, r.businessCase.version, null, risk), risk.title);
	for (const b of DEMO_BENEFITS) {
		const byYear = b.byYear.map(([financialYear, pounds]) => ({
			financialYear,
			amountPence: pence(pounds)
		}));
		r = ok(
			await caseService.saveBenefit(actor, id, r.businessCase.version, null, {
				title: b.title,
				kind: b.kind,
				type: b.type,
				owner: b.owner,
				measure: b.measure,
				byYear
			}),
			b.title
		);
	}
	ok(await decisions.submitBusinessCase(actor, id, r.businessCase.version), 'submit');
	return 1;
}
