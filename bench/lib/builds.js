/** Builds of the app and the baseline, and the generated database they both read. */
import { createHash } from 'node:crypto';
import {
	cpSync,
	existsSync,
	mkdirSync,
	readFileSync,
	readdirSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { join } from 'node:path';
import { datasetKey, generate, GENERATOR_VERSION } from '../generate.js';
import { BASELINE, BENCH, MAIN, RESULTS, SNAPSHOT, VITE, rel } from './paths.js';
import { runLogged } from './processes.js';

function newestMtime(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
	return newest;
}

/** A short fingerprint of the app source that was benchmarked, for the results header. */
export function sourceHash(root) {
	const hash = createHash('sha256');
	const walk = (dir) => {
		for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
			a.name.localeCompare(b.name)
		)) {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) walk(path);
			else hash.update(path.slice(root.length)).update(readFileSync(path));
		}
	};
	for (const dir of ['src', 'seeds']) if (existsSync(join(root, dir))) walk(join(root, dir));
	return hash.digest('hex').slice(0, 12);
}

/**
 * What a build of the app needs, copied into the snapshot, and server.js, the production entry the bench
 * serves it through (bench/lib/processes.js falls back to adapter-node's build/index.js without it).
 * Packages (exceljs among them) resolve from the project's node_modules; scripts/ is not part of the build.
 */
const APP_FILES = [
	'package.json',
	'server.js',
	'svelte.config.js',
	'vite.config.ts',
	'vite.cli.config.ts',
	'vite.worker-source.ts',
	'tsconfig.json',
	'src',
	'static',
	'seeds'
];

/**
 * Builds the app, or says which build to serve. `useBuild` serves ./build as it is; `reuseSnapshot`
 * serves the snapshot the last run built.
 */
export async function buildApp({ useBuild, reuseSnapshot }) {
	if (useBuild) {
		if (!existsSync(join(MAIN, 'build/index.js')))
			throw new Error('--use-build: build/index.js is missing; run npm run build first');
		return {
			cwd: MAIN,
			entry: join(MAIN, 'build/index.js'),
			migrations: join(MAIN, 'src/lib/server/db/migrations'),
			explainScript: 'bench/explain.ts',
			source: sourceHash(MAIN)
		};
	}
	const snapshot = {
		cwd: SNAPSHOT,
		entry: join(SNAPSHOT, 'build/index.js'),
		migrations: join(SNAPSHOT, 'src/lib/server/db/migrations'),
		explainScript: 'bench-explain.ts'
	};
	if (reuseSnapshot) {
		if (!existsSync(snapshot.entry))
			throw new Error(`--reuse-snapshot: ${rel(snapshot.entry)} is missing; run without it first`);
		console.log(`  reusing the snapshot build in ${rel(SNAPSHOT)}`);
		return { ...snapshot, source: sourceHash(SNAPSHOT) };
	}
	rmSync(SNAPSHOT, { recursive: true, force: true });
	mkdirSync(SNAPSHOT, { recursive: true });
	for (const name of APP_FILES) {
		if (existsSync(join(MAIN, name)))
			cpSync(join(MAIN, name), join(SNAPSHOT, name), { recursive: true });
	}
	cpSync(join(BENCH, 'explain.ts'), join(SNAPSHOT, 'bench-explain.ts'));
	cpSync(join(BENCH, 'tenant-plans.ts'), join(SNAPSHOT, 'bench-tenant-plans.ts'));
	const started = performance.now();
	// The same as `npm run build`, in the snapshot; packages resolve from the project's node_modules.
	await runLogged(process.execPath, [VITE, 'build'], {
		cwd: SNAPSHOT,
		env: { NODE_ENV: 'production' },
		logFile: join(RESULTS, 'app-build.log'),
		timeoutMs: 1_200_000
	});
	console.log(
		`  app built in ${((performance.now() - started) / 1000).toFixed(0)} s (snapshot in ${rel(SNAPSHOT)})`
	);
	return { ...snapshot, source: sourceHash(SNAPSHOT) };
}

/** Builds bench/baseline/ unless its build is newer than its sources. */
export async function buildBaseline() {
	const entry = join(BASELINE, 'build/index.js');
	const sources = Math.max(
		newestMtime(join(BASELINE, 'src')),
		...['svelte.config.js', 'vite.config.js', 'package.json'].map((f) =>
			newestMtime(join(BASELINE, f))
		)
	);
	if (existsSync(entry) && statSync(entry).mtimeMs > sources) {
		console.log('  baseline build is up to date');
	} else {
		const started = performance.now();
		await runLogged(process.execPath, [VITE, 'build'], {
			cwd: BASELINE,
			env: { NODE_ENV: 'production' },
			logFile: join(RESULTS, 'baseline-build.log')
		});
		console.log(`  baseline built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
	}
	return { cwd: BASELINE, entry };
}

/** Reuses the generated database when the generator, the size and the migrations are unchanged. */
export async function prepareDatabase(systems, migrationsFolder) {
	const file = join(RESULTS, `bench-${systems / 1000}k.db`);
	const metaFile = `${file}.json`;
	const key = datasetKey(systems, migrationsFolder);
	if (existsSync(file) && existsSync(metaFile)) {
		const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
		if (meta.key === key) {
			console.log(
				`  reusing ${rel(file)} (generator v${GENERATOR_VERSION}, generated ${meta.generatedAt})`
			);
			return { file, meta };
		}
	}
	const stats = await generate(file, {
		systems,
		migrationsFolder,
		log: (line) => console.log(`  ${line}`)
	});
	const meta = {
		key,
		generatorVersion: GENERATOR_VERSION,
		generatedAt: new Date().toISOString(),
		...stats
	};
	writeFileSync(metaFile, JSON.stringify(meta, null, '\t'));
	return { file, meta };
}
