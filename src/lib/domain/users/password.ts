/** Password rules (NCSC and NIST SP 800-63B): length only, no composition rules. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;
/** RFC 5321's limit on a forward path, and so on an email address. */
export const EMAIL_MAX = 254;

/** Returns the problem with a new password, or null when it is acceptable. */
export function passwordProblem(password: string, email = ''): string | null {
	const length = [...password].length;
	if (length === 0) return 'Enter a password';
	if (length < PASSWORD_MIN) return `Password must be at least ${PASSWORD_MIN} characters`;
	if (length > PASSWORD_MAX) return `Password must be ${PASSWORD_MAX} characters or fewer`;
	if (email && password.trim().toLowerCase() === email.trim().toLowerCase())
		return 'Password must not be your email address';
	return null;
}

/** Emails are compared trimmed and lower-case. */
export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

export function emailProblem(email: string): string | null {
	if (!email) return 'Enter an email address';
	if (email.length > EMAIL_MAX || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
		return 'Enter an email address in the correct format, like name@example.gov.uk';
	return null;
}
