// Every message key the console asks for exists in the Chinese messages (en.ts is type-checked against them),
// so no page shows a raw key such as `draws.quota`. Reads the sources: t('a.b'), t(`a.b.${x}`) (the prefix
// must be a group of messages) and label: 'a.b' entries the pages pass to t() later.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { zh } from '../src/i18n/zh.ts';
import { en } from '../src/i18n/en.ts';
import { PRECONDITIONS } from '@ecoenforce/domain';

const SRC = new URL('../src', import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'i18n' ? [] : files(p);
    return /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

function lookup(messages: unknown, key: string): unknown {
  let node = messages;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object' || !(part in node)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

const sources = files(SRC).map((p) => ({ path: relative(SRC, p), text: readFileSync(p, 'utf8') }));

void test('every literal key passed to t() is a message in both languages', () => {
  const missing: string[] = [];
  let checked = 0;
  for (const { path, text } of sources) {
    for (const m of text.matchAll(/\bt\(\s*'([A-Za-z][\w-]*(?:\.[\w-]+)+)'/g)) {
      checked += 1;
      const key = m[1]!;
      for (const [lang, messages] of [['zh', zh], ['en', en]] as const) {
        if (typeof lookup(messages, key) !== 'string') missing.push(`${path}: ${lang} ${key}`);
      }
    }
  }
  assert.ok(checked > 500, `${checked} keys read: the pattern still finds the calls`);
  assert.deepEqual(missing, []);
});

void test('every key built from a prefix (t(`a.b.${x}`)) has its group of messages', () => {
  const missing: string[] = [];
  for (const { path, text } of sources) {
    for (const m of text.matchAll(/\bt\(\s*`([A-Za-z][\w-]*(?:\.[\w-]+)*)\.\$\{/g)) {
      const prefix = m[1]!;
      for (const [lang, messages] of [['zh', zh], ['en', en]] as const) {
        const group = lookup(messages, prefix);
        if (group === null || typeof group !== 'object') missing.push(`${path}: ${lang} ${prefix}.*`);
      }
    }
  }
  assert.deepEqual(missing, []);
});

void test('every precondition of the case procedure has its message: the case page says why an action cannot be taken', () => {
  const ids = Object.keys(PRECONDITIONS).sort();
  assert.deepEqual(Object.keys(zh.cases.preconditions).sort(), ids);
  assert.deepEqual(Object.keys(en.cases.preconditions).sort(), ids);
});
