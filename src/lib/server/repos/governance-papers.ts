/** Minutes and papers attached to a partnership meeting: listed without their bytes, read one at a time. */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { governanceMeetingPaper } from '../db/schema';
import type { Executor } from '../db';
import type { PaperKind } from '$lib/domain/governance/papers';

export interface PaperSummary {
	id: number;
	meetingId: number;
	number: number;
	kind: PaperKind;
	title: string;
	fileName: string;
	sizeBytes: number;
	uploadedBy: string;
	createdAt: string;
}

const summary = {
	id: governanceMeetingPaper.id,
	meetingId: governanceMeetingPaper.meetingId,
	number: governanceMeetingPaper.number,
	kind: governanceMeetingPaper.kind,
	title: governanceMeetingPaper.title,
	fileName: governanceMeetingPaper.fileName,
	sizeBytes: governanceMeetingPaper.sizeBytes,
	uploadedBy: governanceMeetingPaper.uploadedBy,
	createdAt: governanceMeetingPaper.createdAt
};

/** The papers of the given meetings, each meeting's in the order attached. */
export async function listPapers(
	ex: Executor,
	organisationId: number,
	meetingIds: readonly number[]
): Promise<PaperSummary[]> {
	if (meetingIds.length === 0) return [];
	return ex
		.select(summary)
		.from(governanceMeetingPaper)
		.where(
			and(
				eq(governanceMeetingPaper.organisationId, organisationId),
				inArray(governanceMeetingPaper.meetingId, [...meetingIds])
			)
		)
		.orderBy(asc(governanceMeetingPaper.meetingId), asc(governanceMeetingPaper.number));
}

/** Paper `number` of a meeting of the organisation, with its bytes. */
export async function getPaper(
	ex: Executor,
	organisationId: number,
	meetingId: number,
	number: number
) {
	const [row] = await ex
		.select({
			...summary,
			fileType: governanceMeetingPaper.fileType,
			bytes: governanceMeetingPaper.file
		})
		.from(governanceMeetingPaper)
		.where(
			and(
				eq(governanceMeetingPaper.organisationId, organisationId),
				eq(governanceMeetingPaper.meetingId, meetingId),
				eq(governanceMeetingPaper.number, number)
			)
		);
	return row;
}

/** Attaches a paper as the meeting's next number (inside the caller's transaction). */
export async function insertPaper(
	ex: Executor,
	organisationId: number,
	meetingId: number,
	fields: {
		kind: PaperKind;
		title: string;
		fileName: string;
		fileType: string;
		bytes: Uint8Array;
		sha256: string;
		uploadedBy: string;
	}
): Promise<PaperSummary> {
	const [next] = await ex
		.select({ n: sql<number>`coalesce(max(${governanceMeetingPaper.number}), 0) + 1` })
		.from(governanceMeetingPaper)
		.where(eq(governanceMeetingPaper.meetingId, meetingId));
	const { bytes, ...rest } = fields;
	const [row] = await ex
		.insert(governanceMeetingPaper)
		.values({
			...rest,
			organisationId,
			meetingId,
			number: next!.n,
			file: Buffer.from(bytes),
			sizeBytes: bytes.length
		})
		.returning(summary);
	return row!;
}
