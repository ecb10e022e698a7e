import type { ParamMatcher } from '@sveltejs/kit';
import { isRecordId } from '$lib/domain/record-id';

/**
 * `[id=id]`: a route's record id. Anything else in that segment matches no route, so it is a 404
 * before any load or action runs, exactly like a missing record; a route reads `Number(params.id)`.
 */
export const match = ((param: string): param is string => isRecordId(param)) satisfies ParamMatcher;
