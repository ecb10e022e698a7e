/**
 * The words councils write for each fixed set of values an import reads, in one place: the app's
 * own labels and codes, and the common synonyms ('Cloud hosted', 'on-prem', 'sunset', 'keep', 'Y').
 * Matching ignores case, spacing and punctuation ('On-Prem.' is 'on prem'); '&' reads as 'and'.
 * A word not listed here is not guessed: the import reports it with what was typed.
 */
import {
	CRITICALITY,
	CRITICALITY_LABEL,
	HOSTING,
	HOSTING_LABEL,
	LIFECYCLE,
	LIFECYCLE_LABEL,
	NOT_ASSESSED,
	PERSONAL_DATA,
	PERSONAL_DATA_LABEL
} from '../systems/system';
import { OUTCOMES, OUTCOME_LABEL, OUTCOME_STATUS, OUTCOME_STATUS_LABEL } from '../systems/review';
import {
	CONFIDENCE,
	CONFIDENCE_LABEL,
	COST_CATEGORIES,
	COST_CATEGORY_LABEL,
	SPEND_TYPES,
	SPEND_TYPE_LABEL
} from '../costs/cost';

/** 'On-Prem.' -> 'on prem', 'Support & maintenance' -> 'support and maintenance'. */
export const valueWords = (text: string) =>
	text
		.toLowerCase()
		.replace(/&/g, ' and ')
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();

interface Vocabulary<T extends string> {
	codes: readonly T[];
	labels: Record<T, string>;
	synonyms: Record<string, T>;
}

const vocabulary = <T extends string>(
	codes: readonly T[],
	labels: Record<T, string>,
	synonyms: Record<string, T>
): Vocabulary<T> => ({ codes, labels, synonyms });

/** 'We do not know yet' in a council's words: read as 'Not yet assessed', never guessed as a real value. */
const NOT_YET_ASSESSED: Record<string, typeof NOT_ASSESSED> = {
	'not assessed': NOT_ASSESSED,
	'not yet assessed': NOT_ASSESSED,
	unassessed: NOT_ASSESSED,
	unknown: NOT_ASSESSED,
	'not known': NOT_ASSESSED,
	'not yet known': NOT_ASSESSED,
	tbc: NOT_ASSESSED,
	't b c': NOT_ASSESSED,
	'to be confirmed': NOT_ASSESSED,
	tba: NOT_ASSESSED,
	't b a': NOT_ASSESSED,
	'to be assessed': NOT_ASSESSED
};

const YES_NO = <T extends string>(yes: T, no: T): Record<string, T> => ({
	yes: yes,
	y: yes,
	true: yes,
	no: no,
	n: no,
	false: no
});

/** Every value set an import reads, with its synonyms (already in `valueWords` form). */
export const VOCABULARIES = {
	hosting: vocabulary(HOSTING, HOSTING_LABEL, {
		'on prem': 'on_premises',
		onprem: 'on_premises',
		'on premise': 'on_premises',
		'on site': 'on_premises',
		'in house': 'on_premises',
		internal: 'on_premises',
		'data centre': 'on_premises',
		'data center': 'on_premises',
		'our data centre': 'on_premises',
		'council data centre': 'on_premises',
		'server room': 'on_premises',
		'our servers': 'on_premises',
		'council servers': 'on_premises',
		local: 'on_premises',
		'locally hosted': 'on_premises',
		'externally hosted': 'hosted',
		'third party hosted': 'hosted',
		'supplier hosted': 'hosted',
		'vendor hosted': 'hosted',
		'hosted by supplier': 'hosted',
		'hosted by vendor': 'hosted',
		'hosted by third party': 'hosted',
		'hosted externally': 'hosted',
		'managed service': 'hosted',
		'private cloud': 'hosted',
		iaas: 'hosted',
		paas: 'hosted',
		saas: 'saas',
		cloud: 'saas',
		'cloud hosted': 'saas',
		'cloud based': 'saas',
		'public cloud': 'saas',
		'software as a service': 'saas'
	}),
	criticality: vocabulary(CRITICALITY, CRITICALITY_LABEL, {
		l: 'low',
		lo: 'low',
		m: 'medium',
		med: 'medium',
		moderate: 'medium',
		medium: 'medium',
		h: 'high',
		hi: 'high',
		'very high': 'critical',
		'business critical': 'critical',
		'mission critical': 'critical',
		...NOT_YET_ASSESSED
	}),
	personalData: vocabulary(PERSONAL_DATA, PERSONAL_DATA_LABEL, {
		...YES_NO('personal', 'none'),
		personal: 'personal',
		pii: 'personal',
		'no personal data': 'none',
		nil: 'none',
		special: 'special_category',
		'special category': 'special_category',
		sensitive: 'special_category',
		'sensitive personal data': 'special_category',
		'yes special category': 'special_category',
		...NOT_YET_ASSESSED
	}),
	lifecycle: vocabulary(LIFECYCLE, LIFECYCLE_LABEL, {
		active: 'live',
		'in use': 'live',
		production: 'live',
		current: 'live',
		operational: 'live',
		replacing: 'being_replaced',
		'being decommissioned': 'being_replaced',
		retired: 'decommissioned',
		'switched off': 'decommissioned',
		'no longer used': 'decommissioned'
	}),
	outcome: vocabulary(OUTCOMES, OUTCOME_LABEL, {
		'maintain only': 'maintain',
		maintenance: 'maintain',
		keep: 'maintain',
		tolerate: 'maintain',
		retain: 'maintain',
		'keep as is': 'maintain',
		'business as usual': 'maintain',
		develop: 'develop',
		development: 'develop',
		'development required': 'develop',
		'develop further': 'develop',
		invest: 'develop',
		enhance: 'develop',
		improve: 'develop',
		upgrade: 'develop',
		decommissioned: 'decommission',
		retire: 'decommission',
		sunset: 'decommission',
		'switch off': 'decommission',
		eliminate: 'decommission',
		remove: 'decommission',
		replace: 'replace',
		replaced: 'replace',
		replacement: 'replace',
		migrate: 'replace',
		'replace with new main system': 'replace',
		'replace with the new system': 'replace',
		'replace with new system': 'replace'
	}),
	outcomeStatus: vocabulary(OUTCOME_STATUS, OUTCOME_STATUS_LABEL, {
		...YES_NO('agreed', 'proposed'),
		draft: 'proposed',
		proposal: 'proposed',
		approved: 'agreed',
		confirmed: 'agreed',
		'signed off': 'agreed'
	} as Record<string, 'proposed' | 'agreed'>),
	// 'One-off' is not here: one-off revenue costs (training, a data cleanse) are as common as capital ones.
	spendType: vocabulary(SPEND_TYPES, SPEND_TYPE_LABEL, {
		capex: 'capital',
		'cap ex': 'capital',
		cap: 'capital',
		c: 'capital',
		'capital expenditure': 'capital',
		'capital spend': 'capital',
		'capital cost': 'capital',
		'capital programme': 'capital',
		opex: 'revenue',
		'op ex': 'revenue',
		rev: 'revenue',
		r: 'revenue',
		'revenue expenditure': 'revenue',
		'revenue spend': 'revenue',
		'revenue cost': 'revenue',
		'running cost': 'revenue',
		'running costs': 'revenue',
		recurring: 'revenue'
	}),
	costCategory: vocabulary(COST_CATEGORIES, COST_CATEGORY_LABEL, {
		licences: 'licence',
		license: 'licence',
		licenses: 'licence',
		licensing: 'licence',
		'licence fee': 'licence',
		'licence fees': 'licence',
		subscription: 'licence',
		subscriptions: 'licence',
		'licences and subscriptions': 'licence',
		support: 'support_maintenance',
		maintenance: 'support_maintenance',
		'support and maintenance': 'support_maintenance',
		'maintenance and support': 'support_maintenance',
		'annual support': 'support_maintenance',
		'support contract': 'support_maintenance',
		'hosting fees': 'hosting',
		'cloud hosting': 'hosting',
		'data centre': 'hosting',
		'set up': 'implementation',
		setup: 'implementation',
		installation: 'implementation',
		configuration: 'implementation',
		'implementation services': 'implementation',
		dev: 'development',
		build: 'development',
		customisation: 'development',
		customization: 'development',
		'bespoke development': 'development',
		migration: 'data_migration',
		'data conversion': 'data_migration',
		'data transfer': 'data_migration',
		decommission: 'decommissioning',
		'exit costs': 'decommissioning',
		exit: 'decommissioning',
		'switch off': 'decommissioning',
		staff: 'staff_backfill',
		backfill: 'staff_backfill',
		staffing: 'staff_backfill',
		'staff costs': 'staff_backfill',
		'project team': 'staff_backfill',
		'staff and backfill': 'staff_backfill',
		'user training': 'training',
		'train the trainer': 'training',
		risk: 'contingency',
		'risk allowance': 'contingency',
		'risk contingency': 'contingency'
	}),
	confidence: vocabulary(CONFIDENCE, CONFIDENCE_LABEL, {
		estimated: 'estimate',
		est: 'estimate',
		forecast: 'estimate',
		budget: 'estimate',
		indicative: 'estimate',
		provisional: 'estimate',
		planned: 'estimate',
		contracted: 'committed',
		ordered: 'committed',
		'purchase order': 'committed',
		'po raised': 'committed',
		actuals: 'actual',
		spent: 'actual',
		paid: 'actual',
		invoiced: 'actual',
		outturn: 'actual'
	})
} satisfies Record<string, Vocabulary<string>>;

export type ValueSet = keyof typeof VOCABULARIES;
export type ValueOf<S extends ValueSet> = (typeof VOCABULARIES)[S]['codes'][number];

const lookups = new Map<ValueSet, Map<string, string>>();
function lookup(set: ValueSet): Map<string, string> {
	let map = lookups.get(set);
	if (map) return map;
	const v = VOCABULARIES[set] as Vocabulary<string>;
	map = new Map(Object.entries(v.synonyms));
	for (const code of v.codes) {
		map.set(valueWords(v.labels[code]!), code);
		map.set(valueWords(code), code);
	}
	lookups.set(set, map);
	return map;
}

/** The code a council's word stands for in one value set, or null when it is not known. */
export function valueOf<S extends ValueSet>(set: S, text: string): ValueOf<S> | null {
	return (lookup(set).get(valueWords(text)) as ValueOf<S> | undefined) ?? null;
}

/** The value set's labels, as the app shows them, for a message listing what is allowed. */
export const allowedLabels = (set: ValueSet): string[] =>
	Object.values((VOCABULARIES[set] as Vocabulary<string>).labels);
