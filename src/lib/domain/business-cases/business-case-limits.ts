/** The business case forms' limits: the longest text of each field and the bounds on amounts and rows. */
import { MAX_AMOUNT_PENCE } from '../money';
import { TEXT_LIMITS } from '../forms/form-text';

const NAME = TEXT_LIMITS.name;
/** Each field's limit (the forms' inputs carry them as maxlength); the rest are TEXT_LIMITS'. */
export const CASE_LIMITS = {
	title: NAME,
	framework: NAME,
	section: 20_000,
	riskTitle: 300,
	riskText: 4000,
	owner: NAME,
	benefitTitle: 300,
	measure: 2000,
	optionName: NAME,
	optionDescription: 4000
} as const;
/** The largest amount accepted in one row: the one cap on every amount (money.ts MAX_AMOUNT_PENCE, £1,000,000,000). */
export const MAX_FLOW_PENCE = MAX_AMOUNT_PENCE;
/** The most cost rows (and benefit rows) an option may have: several a year over a 60-year appraisal. */
export const MAX_OPTION_ROWS = 200;
