import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
/** What the processes under test are compiled from (bench/ is left out: it is not part of the product). */
const SOURCES = ['apps', 'libs', 'migrations'];
const CONFIG_FILES = ['package.json', 'tsconfig.json', 'tsconfig.build.json'];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) out.push(path);
  }
  return out;
}

/** SHA-256 over every source file's path and content: a changed line means a new build. */
function sourceHash(): string {
  const hash = createHash('sha256');
  const files = [...SOURCES.flatMap((dir) => sourceFiles(join(ROOT, dir))), ...CONFIG_FILES.map((file) => join(ROOT, file))].sort();
  for (const file of files) hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

export interface Build {
  /** The directory holding package.json, node_modules (a link) and dist/. */
  dir: string;
  entry(app: 'api' | 'worker' | 'cli'): string;
  /** Seconds the compile took (0 when an earlier run's build was reused). */
  compileSeconds: number;
}

/**
 * The product compiled with tsc into a directory of its own under the system temp dir, named by a
 * hash of the sources: every chaos file of a run (and the next run, if nothing changed) shares it,
 * and no other test's build (npm start) writes the same files. Older chaos builds are removed.
 */
export function buildProduct(): Build {
  // CHAOS_BUILD_DIR runs the scenarios against another build (say, one made before a fix).
  const dir = process.env.CHAOS_BUILD_DIR ?? join(tmpdir(), `prd-chaos-build-${sourceHash()}`);
  const entry = (app: 'api' | 'worker' | 'cli') => join(dir, 'dist', 'apps', app, 'src', 'main.js');
  if (existsSync(join(dir, 'complete'))) return { dir, entry, compileSeconds: 0 };
  if (process.env.CHAOS_BUILD_DIR) throw new Error(`CHAOS_BUILD_DIR ${dir} holds no complete build`);

  const started = Date.now();
  const staging = `${dir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  copyFileSync(join(ROOT, 'package.json'), join(staging, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(staging, 'node_modules'), 'dir');
  // tsconfig.build.json without bench/ (edited by others, not what runs in production).
  writeFileSync(
    join(staging, 'tsconfig.chaos.json'),
    JSON.stringify({
      extends: join(ROOT, 'tsconfig.build.json'),
      compilerOptions: { outDir: join(staging, 'dist'), tsBuildInfoFile: join(staging, 'tsbuildinfo') },
      include: SOURCES.map((source) => join(ROOT, source)),
      exclude: [join(ROOT, 'node_modules'), join(ROOT, 'dist'), join(ROOT, '**/*.spec.ts'), join(ROOT, '**/testing/**')],
    }),
  );
  const tsc = createRequire(join(ROOT, 'package.json')).resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', join(staging, 'tsconfig.chaos.json')], { stdio: 'pipe', cwd: ROOT });
  } catch (error) {
    const output = (error as { stdout?: Buffer }).stdout?.toString() ?? '';
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`the chaos build failed:\n${output.slice(0, 4000)}`, { cause: error });
  }
  writeFileSync(join(staging, 'complete'), new Date().toISOString());
  for (const old of readdirSync(tmpdir()).filter((name) => /^prd-chaos-build-[0-9a-f]{16}$/.test(name))) {
    const path = join(tmpdir(), old);
    // Leave builds younger than an hour: another run may be using one.
    if (path !== dir && Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { recursive: true, force: true });
  }
  try {
    renameSync(staging, dir);
  } catch {
    // Another run finished the same build first: use theirs.
    rmSync(staging, { recursive: true, force: true });
  }
  return { dir, entry, compileSeconds: (Date.now() - started) / 1000 };
}
