/** A row of each kept totals table (`cost_total`, `cost_funding_total`), as the repos hand it out. */
import type { Confidence, SpendType } from '$lib/domain/costs';

export interface CostTotalRow {
	workstreamKey: number;
	directorateKey: number;
	outcomeKey: string;
	financialYear: string;
	spendType: SpendType;
	confidence: Confidence;
	amountPence: number;
	lineCount: number;
}

export interface FundingTotalRow {
	fundingSourceKey: number;
	financialYear: string;
	spendType: SpendType;
	amountPence: number;
	lineCount: number;
}
