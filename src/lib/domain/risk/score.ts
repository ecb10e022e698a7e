/** A risk's score on the 5 x 5 grid and its rating in words (a business case's risk register, a report's top risks). */

/** Likelihood and impact, each 1 (rare, negligible) to 5 (almost certain, severe). */
export interface RiskScore {
	likelihood: number;
	impact: number;
}

export const RISK_RATINGS = ['Low', 'Medium', 'High', 'Very high'] as const;
export type RiskRating = (typeof RISK_RATINGS)[number];

/** Likelihood x impact, each 1-5. */
export function riskScore(s: RiskScore): number {
	for (const v of [s.likelihood, s.impact])
		if (!Number.isInteger(v) || v < 1 || v > 5)
			throw new RangeError(`a likelihood or impact is 1 to 5: ${v}`);
	return s.likelihood * s.impact;
}

/** The usual council 5 x 5 bands: 1-4 Low, 5-9 Medium, 10-16 High, 20-25 Very high. */
export function riskRating(score: number): RiskRating {
	if (score <= 4) return 'Low';
	if (score <= 9) return 'Medium';
	if (score <= 16) return 'High';
	return 'Very high';
}
