/** The new-user form an administrator fills in. */
import { emailProblem, passwordProblem } from './password';
import { isRole, type Role } from './permissions';
import type { FieldErrors } from './review';
import { refuseUnsafeText } from './form-text';

export interface NewUserValues {
	email: string;
	displayName: string;
	role: string;
}

export function readNewUserForm(form: FormData): { values: NewUserValues; password: string } {
	return {
		values: { email: String(form.get('email') ?? '').trim(), displayName: String(form.get('displayName') ?? '').trim(), role: String(form.get('role') ?? '') },
		password: String(form.get('password') ?? '')
	};
}

/** Checks a new user; `allowed` are the roles this administrator may hand out. */
export function checkNewUser(values: NewUserValues, password: string, allowed: readonly Role[]): { ok: true; role: Role } | { ok: false; errors: FieldErrors } {
	const errors: FieldErrors = {};
	const emailError = emailProblem(values.email);
	if (emailError) errors.email = emailError;
	if (!values.displayName) errors.displayName = 'Enter their name';
	else if (values.displayName.length > 200) errors.displayName = 'Name must be 200 characters or fewer';
	if (!isRole(values.role) || !allowed.includes(values.role)) errors.role = 'Select a role';
	refuseUnsafeText(errors, values, { email: 'Email address', displayName: 'Name' });
	const passwordError = passwordProblem(password, values.email);
	if (passwordError) errors.password = passwordError.replace('Enter a password', 'Enter a first password for them');
	return Object.keys(errors).length ? { ok: false, errors } : { ok: true, role: values.role as Role };
}
