/** Matching a file's rows to the organisation's existing systems: by external reference, else by exact name. */
import type { ExistingKey } from './plan-types';

/** How a row matched: the system it updates (if any), and whether its name alone is ambiguous. */
export interface SystemMatch {
	/** The systems with the row's name. */
	named: number[];
	id: number | undefined;
	byRef: boolean;
	/** No reference and more than one system of that name: the row cannot say which. */
	ambiguous: boolean;
	/** What a new system is known by within the file, so a repeat is caught. */
	key: string;
}

/** Every existing system's id by reference and by name; only the keys are held, not the records. */
export class SystemMatcher {
	private readonly byRef = new Map<string, number>();
	private readonly byName = new Map<string, number[]>();

	add(existing: Iterable<ExistingKey>): void {
		for (const s of existing) {
			if (s.externalRef) this.byRef.set(s.externalRef, s.id);
			const named = this.byName.get(s.name);
			if (named) named.push(s.id);
			else this.byName.set(s.name, [s.id]);
		}
	}

	match(ref: string | null, name: string): SystemMatch {
		const named = this.byName.get(name) ?? [];
		const byRef = ref ? this.byRef.get(ref) : undefined;
		const id = byRef ?? (named.length === 1 ? named[0] : undefined);
		return {
			named,
			id,
			byRef: byRef !== undefined,
			ambiguous: id === undefined && !ref && named.length > 1,
			key: `new:${ref ?? name}`
		};
	}
}
