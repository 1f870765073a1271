// Checks that grove.d.ts declares exactly what grove.js exports: the module's named exports,
// and each exported class's members (its prototype's own names), no more and no fewer; and
// that the package.json beside them makes Node load grove.js as an ES module.
//   node browser/src/test/js/declarations-test.mjs browser/target/javascript/grove
// Output as api-test.mjs: "PASS name" / "FAIL name" per case, then "declarations: N passed, M failed".
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { run, test } from './cases.mjs';

const dir = resolve(process.argv[2] ?? 'target/javascript/grove');
const source = readFileSync(join(dir, 'grove.d.ts'), 'utf8');
const grove = await import(pathToFileURL(join(dir, 'grove.js')).href);
/** An error as grove.js rejects with. */
const sampleError = await grove.open('').catch(e => e);

/** The declarations with comments removed, so that examples in comments do not count. */
const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');

/** Names of runtime exports: declared functions and classes (interfaces and types are not values). */
function declaredValueExports() {
  const names = [];
  for (const m of code.matchAll(/^export\s+declare\s+(?:abstract\s+)?(function|class)\s+([A-Za-z_$][\w$]*)/gm)) {
    names.push(m[2]);
  }
  return names;
}

/** The body of `export declare class name { ... }`, braces balanced. */
function classBody(name) {
  const start = code.search(new RegExp(`^export\\s+declare\\s+class\\s+${name}\\b[^{]*\\{`, 'm'));
  assert.ok(start >= 0, `class ${name} is declared`);
  let i = code.indexOf('{', start);
  const open = i;
  let depth = 0;
  for (; i < code.length; i++) {
    if (code[i] === '{') depth++;
    if (code[i] === '}' && --depth === 0) break;
  }
  return code.slice(open + 1, i);
}

/** Member names declared at the top level of a class body (not inside nested type literals). */
function declaredMembers(name) {
  const body = classBody(name);
  let depth = 0;
  let line = '';
  const members = new Set();
  const flush = () => {
    const m = line.match(/^\s*(?:readonly\s+)?([A-Za-z_$][\w$]*)\s*[<(:?]/);
    if (m && !/^\s*private\s+constructor/.test(line) && m[1] !== 'constructor') {
      members.add(m[1]);
    }
    line = '';
  };
  for (const ch of body) {
    if (depth === 0 && ch === '\n') {
      flush();
      continue;
    }
    if (ch === '{' || ch === '(' || ch === '<') depth++;
    if (ch === '}' || ch === ')' || ch === '>') depth = Math.max(0, depth - 1);
    line += ch;
  }
  flush();
  return [...members].sort();
}


test('the module exports exactly the values grove.d.ts declares', () => {
  assert.deepEqual(Object.keys(grove).sort(), declaredValueExports().sort());
});

test('no export is declared twice, and the module has no default export', () => {
  const names = declaredValueExports();
  assert.equal(new Set(names).size, names.length);
  assert.ok(!/^export\s+default/m.test(code));
  assert.equal(grove.default, undefined);
});

for (const name of declaredValueExports()) {
  test(`${name} is a function or a class, as declared`, () => {
    assert.equal(typeof grove[name], 'function');
  });
  if (new RegExp(`^export\\s+declare\\s+class\\s+${name}\\b`, 'm').test(code)) {
    test(`class ${name} has exactly the declared members`, () => {
      const actual = Object.getOwnPropertyNames(grove[name].prototype)
        .filter(member => member !== 'constructor');
      if (name === 'GroveError') {
        // an error's own fields (code), beside Error's own (message, stack)
        actual.push(...Object.getOwnPropertyNames(sampleError)
          .filter(member => member !== 'message' && member !== 'stack'));
      }
      assert.deepEqual(actual.sort(), declaredMembers(name));
    });
  }
}

test('every export of a value has a doc comment', () => {
  for (const m of source.matchAll(/^export\s+declare\s+\w+\s+(\w+)/gm)) {
    assert.ok(source.slice(0, m.index).trimEnd().endsWith('*/'), `${m[1]} has a /** comment */`);
  }
});

test('package.json makes grove.js an ES module and points at the declarations', () => {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.types, './grove.d.ts');
  assert.equal(pkg.exports['.'].default, './grove.js');
  assert.equal(pkg.exports['.'].types, './grove.d.ts');
});

await run('declarations');
