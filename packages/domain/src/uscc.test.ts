import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidUscc, makeUscc, orgCodeCheckChar, usccCheckChar, validateUscc } from './uscc.ts';

// A real code as published on its holder's business licence.
const REAL = ['91350100M000100Y43'];

void test('real USCCs validate, including their organisation-code check', () => {
  for (const code of REAL) assert.deepEqual(validateUscc(code, { checkOrgCode: true }), { ok: true, uscc: code }, code);
});

void test('the check character of 91350100M000100Y4 is 3', () => {
  assert.equal(usccCheckChar('91350100M000100Y4'), '3');
  assert.equal(orgCodeCheckChar('M000100Y'), '4');
});

void test('any single-character change is caught', () => {
  const code = '91350100M000100Y43';
  for (let i = 0; i < 18; i++) {
    const ch = code.charAt(i) === '1' ? '2' : '1';
    const bad = code.slice(0, i) + ch + code.slice(i + 1);
    assert.equal(isValidUscc(bad), false, bad);
  }
});

void test('length, charset and region errors are typed', () => {
  assert.deepEqual(validateUscc('9135'), { ok: false, error: 'length' });
  assert.deepEqual(validateUscc('91350100M000100YI3'), { ok: false, error: 'charset' });
  assert.deepEqual(validateUscc('91AB0100M000100Y43'), { ok: false, error: 'region' });
});

void test('makeUscc builds valid codes', () => {
  const code = makeUscc({ authority: '9', kind: '1', region: '440106', orgBody: 'MA59QX2K' });
  assert.equal(code.length, 18);
  assert.ok(validateUscc(code, { checkOrgCode: true }).ok);
  assert.equal(code.slice(2, 8), '440106');
  assert.throws(() => makeUscc({ authority: '9', kind: '1', region: '4401', orgBody: '12345678' }), RangeError);
  assert.throws(() => makeUscc({ authority: '9', kind: '1', region: '440106', orgBody: 'ABCDEFGI' }), RangeError);
});
