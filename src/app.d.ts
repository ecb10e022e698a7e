// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Error {
			message: string;
			/** Quoted to the support team; the details are only in the server log. */
			errorId?: string;
		}
		interface Locals {
			requestId: string;
			organisation: { id: number; name: string; slug: string } | null;
		}
	}
}

export {};
