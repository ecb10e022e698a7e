/** The new-user form an administrator fills in. */
import { EMAIL_MAX, emailProblem, passwordProblem } from './password';
import { isRole, type Role } from '../permissions';
import type { FieldErrors } from '../systems/review';
import { TEXT_LIMITS, refuseUnsafeText, text } from '../forms/form-text';

export interface NewUserValues {
	email: string;
	displayName: string;
	role: string;
}

export function readNewUserForm(form: FormData): { values: NewUserValues; password: string } {
	return {
		values: {
			email: text(form, 'email'),
			displayName: text(form, 'displayName'),
			role: text(form, 'role')
		},
		password: String(form.get('password') ?? '')
	};
}

/** Checks a new user; `allowed` are the roles this administrator may hand out. */
export function checkNewUser(
	values: NewUserValues,
	password: string,
	allowed: readonly Role[]
): { ok: true; role: Role } | { ok: false; errors: FieldErrors } {
	const errors: FieldErrors = {};
	const emailError = emailProblem(values.email);
	if (emailError) errors.email = emailError;
	if (!values.displayName) errors.displayName = 'Enter their name';
	if (!isRole(values.role) || !allowed.includes(values.role)) errors.role = 'Select a role';
	refuseUnsafeText(errors, values, { email: 'Email address', displayName: 'Name' }, [], {
		email: EMAIL_MAX,
		displayName: TEXT_LIMITS.name
	});
	const passwordError = passwordProblem(password, values.email);
	if (passwordError)
		errors.password = passwordError.replace('Enter a password', 'Enter a first password for them');
	return Object.keys(errors).length
		? { ok: false, errors }
		: { ok: true, role: values.role as Role };
}
