/**
 * `npm run user -- add --email E --role R --org O [--name N]`: creates a user from a script.
 * The password comes from USER_PASSWORD, or is asked for on the terminal (never a flag, so it
 * stays out of shell history and process lists). O is the organisation's short name or id.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { db, startDatabase } from '../db/database';
import * as organisations from '../repos/organisations';
import * as userService from '../services/users';
import { systemActor } from '../services/actor';
import { isRole, ROLES } from '$lib/domain/permissions';
import { emailProblem, passwordProblem } from '$lib/domain/users';

function fail(message: string): never {
	console.error(`user: ${message}`);
	process.exit(2);
}

async function askPassword(): Promise<string> {
	if (process.env.USER_PASSWORD) return process.env.USER_PASSWORD;
	const rl = createInterface({
		input: process.stdin,
		output: process.stdout,
		terminal: process.stdin.isTTY
	});
	const muted = rl as unknown as { _writeToOutput?: (s: string) => void };
	const question = 'Password for the new user (input hidden): ';
	process.stdout.write(question);
	if (process.stdin.isTTY) muted._writeToOutput = () => undefined;
	const answer = await new Promise<string>((resolve) => rl.once('line', resolve));
	rl.close();
	process.stdout.write('\n');
	return answer;
}

const HELP = `Adds a user from a script.

usage: npm run user -- add --email EMAIL --role ROLE --org ORG [--name "Display name"]

  --email   the person's email address (they sign in with it)
  --role    one of: ${ROLES.join(', ')}
  --org     the organisation's short name (e.g. northshire) or its id
  --name    the name shown in the app (the email if left out)

The password is read from USER_PASSWORD, or asked for on the terminal (never a flag, so it stays out of
shell history and process lists): 12 to 128 characters.
  USER_PASSWORD='a long passphrase' npm run user -- add --email officer@northshire.gov.uk --role editor --org northshire
`;

let parsed;
try {
	parsed = parseArgs({
		allowPositionals: true,
		options: {
			email: { type: 'string' },
			role: { type: 'string' },
			org: { type: 'string' },
			name: { type: 'string' },
			help: { type: 'boolean', short: 'h' }
		}
	});
} catch (e) {
	// parseArgs throws on an unknown option or a missing value: say so in a line, with the usage, not a stack trace.
	fail(`${e instanceof Error ? e.message : String(e)}\n\n${HELP}`);
}
const { positionals, values } = parsed;

if (values.help || positionals[0] === 'help') {
	console.log(HELP);
	process.exit(0);
}
if (positionals[0] !== 'add') fail(`unknown command '${positionals[0] ?? ''}'.\n\n${HELP}`);
const email = values.email ?? '';
const emailError = emailProblem(email);
if (emailError) fail(emailError);
if (!isRole(values.role)) fail(`--role must be one of: ${ROLES.join(', ')}`);
if (!values.org) fail('--org needs the organisation short name or id');

await startDatabase();
const all = await organisations.listOrganisations(db());
const org = all.find((o) => o.slug === values.org || String(o.id) === values.org);
if (!org)
	fail(`no organisation '${values.org}'. Known: ${all.map((o) => o.slug).join(', ') || 'none'}`);

const password = await askPassword();
const problem = passwordProblem(password, email);
if (problem) fail(problem);

const result = await userService.createUser(systemActor(org.id, 'command line'), {
	organisationId: org.id,
	email,
	displayName: values.name ?? email,
	role: values.role,
	password
});
if (!result.ok)
	fail(result.reason === 'email-taken' ? `an account for ${email} already exists` : result.reason);
console.log(`Created ${result.user.email} (${result.user.role}) in ${org.name}.`);
process.exit(0);
