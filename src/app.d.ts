// See https://svelte.dev/docs/kit/types#app.d.ts
import type { PublicUser } from '$lib/server/repos/users';

declare global {
	namespace App {
		interface Error {
			message: string;
			/** Quoted to the support team; the details are only in the server log. */
			errorId?: string;
		}
		interface Locals {
			requestId: string;
			/** The signed-in user, or null. */
			user: PublicUser | null;
			/** The session token from the cookie, when it is valid (needed to sign out or rotate). */
			sessionToken: string | null;
			/** The organisation the user acts in: their own, or the one a platform administrator chose. */
			organisation: { id: number; name: string; slug: string } | null;
		}
	}
}

export {};
