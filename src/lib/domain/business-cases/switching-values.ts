/**
 * Switching values in words, for members who do not read 'Costs could rise by 12.5%' as a Green Book
 * term. A switching value is how far one figure can move before a decision changes (HM Treasury Green
 * Book 2022, 5.68): for each option, before it costs more than it returns (its NPSV reaches zero); for
 * the preferred option, also before another option gives more value.
 */
import { DISPLAY_MINUS, formatPence } from '../money';
import type { EconomicCase } from './appraisal';

export interface SwitchingOption {
	optionId: string;
	title: string;
	economic: Pick<EconomicCase, 'pvCosts' | 'pvBenefits' | 'npsvPence'>;
}

const SHARE = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 });

/** 0.125 -> '12.5%'; a negative share with the display minus, as amounts have. */
export function formatShare(fraction: number): string {
	return SHARE.format(fraction).replace(/^-/, DISPLAY_MINUS);
}

/** One sentence on how far this option's costs could rise, or benefits fall, before it stops paying for itself. */
export function breakEvenSentence(o: SwitchingOption): string {
	const { pvCosts, pvBenefits, npsvPence } = o.economic;
	if (pvCosts === 0 && pvBenefits === 0)
		return `${o.title}: no costs or benefits are entered, so it has no switching values.`;
	if (npsvPence <= 0)
		return `${o.title}: on these figures it already costs more than it returns (net present social value ${formatPence(npsvPence)}).`;
	if (pvCosts === 0)
		return `${o.title}: it has no costs; its benefits could fall by ${formatShare(npsvPence / pvBenefits)} before it returns nothing.`;
	return `${o.title}: its costs could rise by ${formatShare(npsvPence / pvCosts)}, or its benefits fall by ${formatShare(npsvPence / pvBenefits)}, before it costs more than it returns.`;
}

/**
 * How far the preferred option's costs could rise (or benefits fall) before the next best option gives
 * more value; null when there is no preferred option or nothing to compare it with.
 */
export function bestValueSentence(
	options: readonly SwitchingOption[],
	preferredOptionId: string | null
): string | null {
	const preferred = options.find((o) => o.optionId === preferredOptionId);
	const others = options.filter((o) => o.optionId !== preferredOptionId);
	if (!preferred || others.length === 0) return null;
	const next = others.reduce((best, o) =>
		o.economic.npsvPence > best.economic.npsvPence ? o : best
	);
	const margin = preferred.economic.npsvPence - next.economic.npsvPence;
	const { pvCosts, pvBenefits } = preferred.economic;
	if (margin <= 0) {
		return `On these figures the preferred option, ${preferred.title}, gives ${margin === 0 ? 'the same value as' : `${formatPence(-margin)} less value than`} ${next.title}: the choice rests on things the figures do not count.`;
	}
	const rise = pvCosts > 0 ? `its costs could rise by ${formatShare(margin / pvCosts)}` : null;
	const fall = pvBenefits > 0 ? `its benefits fall by ${formatShare(margin / pvBenefits)}` : null;
	const moves = [rise, fall].filter(Boolean).join(', or ');
	return `The preferred option, ${preferred.title}: ${moves} before it stops giving the best value (${next.title} would then give more).`;
}
