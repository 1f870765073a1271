// The npm package: `npm pack` of the built folder, `npm install` of the tarball into a scratch
// project (offline, with a cache of its own), and Node importing 'grove' from there; the source
// map beside grove.js and the Java sources it points at.
//   node browser/src/test/js/package-test.mjs browser/target/javascript/grove 0.1.0-SNAPSHOT
// Output as api-test.mjs: "PASS name" / "FAIL name" per case, then "package: N passed, M failed".
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { run, test } from './cases.mjs';

const dir = resolve(process.argv[2] ?? 'target/javascript/grove');
const mavenVersion = process.argv[3];
const scratch = mkdtempSync(join(tmpdir(), 'grove-npm-'));
const project = join(scratch, 'app');
const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

/** npm with a cache of its own and no network: a tarball with no dependencies needs none. */
function npm(args, cwd) {
  return execFileSync('npm', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      npm_config_cache: join(scratch, 'npm-cache'),
      npm_config_offline: 'true',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
      npm_config_loglevel: 'error',
    },
  });
}

/** Runs an ES module in the scratch project (so 'grove' resolves from its node_modules). */
function node(source, flags = []) {
  const file = join(project, `check-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, source);
  return execFileSync('node', [...flags, file], {
    cwd: project, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
}

let tarball;
let packed;
const installed = join(project, 'node_modules', 'grove');

// ---- package.json ------------------------------------------------------------------------

test('package.json: name, version from Maven, license, description, ES module', () => {
  assert.equal(pkg.name, 'grove');
  assert.ok(mavenVersion, 'the Maven version is given');
  assert.equal(pkg.version, mavenVersion, 'the version is the Maven project version');
  assert.equal(typeof pkg.license, 'string');
  assert.ok(pkg.license.length > 0);
  assert.equal(typeof pkg.description, 'string');
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.sideEffects, false);
});

test('package.json: exports give types first, then import and default, all to files that exist', () => {
  const root = pkg.exports['.'];
  assert.deepEqual(Object.keys(root), ['types', 'import', 'default'],
    'TypeScript needs "types" first; bundlers take "import", other tools "default"');
  assert.equal(root.types, './grove.d.ts');
  assert.equal(root.import, './grove.js');
  assert.equal(root.default, './grove.js');
  assert.equal(pkg.types, './grove.d.ts');
  assert.equal(pkg.main, './grove.js');
  for (const file of [root.types, root.import, pkg.main]) {
    assert.ok(existsSync(join(dir, file)), `${file} exists`);
  }
});

// ---- npm pack and npm install ------------------------------------------------------------

test('npm pack makes grove-VERSION.tgz with grove.js, its map and types, the sources, package.json', () => {
  const out = JSON.parse(npm(['pack', dir, '--json', '--pack-destination', scratch], scratch));
  packed = out[0];
  assert.equal(packed.filename, `grove-${mavenVersion}.tgz`);
  tarball = join(scratch, packed.filename);
  assert.ok(existsSync(tarball));
  const files = packed.files.map(f => f.path).sort();
  const top = files.filter(f => !f.startsWith('src/'));
  assert.deepEqual(top, ['grove.d.ts', 'grove.js', 'grove.js.map', 'package.json']);
  const sources = files.filter(f => f.startsWith('src/'));
  assert.ok(sources.length > 50, `${sources.length} source files`);
  for (const f of sources) {
    assert.match(f, /^src\/dev\/grove\/.+\.java$/);
    assert.ok(!f.startsWith('src/dev/grove/conformance/'), `${f}: the conformance suite is not shipped`);
  }
  for (const f of packed.files) {
    assert.equal(f.mode & 0o444, 0o444, `${f.path} is readable by everyone (mode ${f.mode.toString(8)})`);
  }
  console.log(`    (tarball ${packed.size} bytes, unpacked ${packed.unpackedSize} bytes, ${files.length} files)`);
});

test('npm install of the tarball into a scratch project, offline', () => {
  assert.ok(tarball, 'packed');
  execFileSync('mkdir', ['-p', project]);
  writeFileSync(join(project, 'package.json'),
    JSON.stringify({ name: 'scratch', version: '1.0.0', private: true, type: 'module' }));
  npm(['install', tarball], project);
  const meta = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  assert.equal(meta.version, mavenVersion);
  assert.ok(existsSync(join(installed, 'grove.js')));
});

test("Node imports 'grove' from node_modules and uses a memory store", () => {
  const out = node(`
    import { open, Store, GroveError } from 'grove';
    const store = await open('notes', { memory: true });
    if (!(store instanceof Store)) throw new Error('not a Store');
    const error = await store.branch('main').get('a/../b').catch(e => e);
    if (!(error instanceof GroveError) || error.code !== 'invalid_path') throw error;
    const main = store.branch('main');
    const head = await main.set('notes/today', 'buy milk');
    console.log(JSON.stringify({ text: await main.getText('notes/today'), head }));
    await store.close();
  `);
  const result = JSON.parse(out.trim());
  assert.equal(result.text, 'buy milk');
  assert.match(result.head, /^[0-9a-f]{40}$/);
});

test("'grove' resolves to the package's grove.js by its exports (import and require conditions)", () => {
  const out = node(`
    import { createRequire } from 'node:module';
    const require = createRequire(import.meta.url);
    console.log(JSON.stringify({
      imported: import.meta.resolve('grove'),
      required: require.resolve('grove'),
      pkg: import.meta.resolve('grove/package.json'),
    }));
  `);
  const r = JSON.parse(out.trim());
  assert.ok(r.imported.endsWith('/node_modules/grove/grove.js'), r.imported);
  assert.ok(r.required.endsWith('/node_modules/grove/grove.js'), r.required);
  assert.ok(r.pkg.endsWith('/node_modules/grove/package.json'), r.pkg);
});

test('grove.js imports nothing (no Node built-in, no require): a bundler takes it alone', () => {
  const js = readFileSync(join(installed, 'grove.js'), 'utf8');
  assert.doesNotMatch(js, /\brequire\s*\(/);
  assert.doesNotMatch(js, /\bimport\s*\(/);
  assert.doesNotMatch(js, /(^|[;}\s])import\s*[\w{*'"]/m);
  assert.doesNotMatch(js, /['"]node:/);
  assert.match(js, /export\s*\{[^}]*\bopen\b[^}]*\}/);
});

test('importing grove adds no global (sideEffects: false holds)', () => {
  const out = node(`
    const before = new Set(Object.getOwnPropertyNames(globalThis));
    await import('grove');
    console.log(JSON.stringify(Object.getOwnPropertyNames(globalThis).filter(n => !before.has(n))));
  `);
  assert.deepEqual(JSON.parse(out.trim()), []);
});

// ---- the source map ----------------------------------------------------------------------

test('grove.js names its source map; the map is valid JSON, version 3, for grove.js', () => {
  const js = readFileSync(join(installed, 'grove.js'), 'utf8');
  assert.match(js, /\n\/\/# sourceMappingURL=grove\.js\.map\s*$/);
  const map = JSON.parse(readFileSync(join(installed, 'grove.js.map'), 'utf8'));
  assert.equal(map.version, 3);
  assert.equal(map.file, 'grove.js');
  assert.equal(typeof map.mappings, 'string');
  assert.ok(map.mappings.length > 1000);
});

test("the map's Grove sources are dev/grove/... and every one is in the package", () => {
  const map = JSON.parse(readFileSync(join(installed, 'grove.js.map'), 'utf8'));
  const root = map.sourceRoot ?? '';
  const grove = map.sources.filter(s => s.startsWith('dev/grove/'));
  assert.ok(grove.length > 50, `${grove.length} Grove sources`);
  for (const s of ['dev/grove/browser/api/GroveJs.java', 'dev/grove/store/Repository.java',
    'dev/grove/sync/Remote.java']) {
    assert.ok(grove.includes(s), `${s} in the map`);
  }
  const missing = grove.filter(s => !existsSync(join(installed, root, s)));
  assert.deepEqual(missing, [], 'sources the map names that the package lacks');
  // The shipped sources are the ones the map names (nothing shipped for nothing).
  const shipped = [];
  const walk = (d, rel) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
      else shipped.push(`${rel}${e.name}`);
    }
  };
  walk(join(installed, root), '');
  const unnamed = shipped.filter(s => !grove.includes(s));
  assert.ok(unnamed.length <= shipped.length / 4,
    `${unnamed.length} of ${shipped.length} shipped sources are not in the map: ${unnamed}`);
});

test('with --enable-source-maps, a GroveError\'s stack names Grove\'s Java sources', () => {
  const out = node(`
    import { open } from 'grove';
    try { await open(''); } catch (e) { console.log(e.stack); }
  `, ['--enable-source-maps']);
  assert.match(out, /GroveError: name must not be empty/);
  assert.match(out, /src\/dev\/grove\/browser\/api\/\w+\.java:\d+/, out);
});

await run('package');
rmSync(scratch, { recursive: true, force: true });
