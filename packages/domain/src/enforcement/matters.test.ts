import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findMatter, formatArticle, MATTER_SEED, validateCatalogue, validateMatter, type EnforcementMatter, type MatterErrorCode } from './matters.ts';
import { DISCRETION_TABLES, tableProblems, lowestLevel, AIR_99_2_TABLE, type DiscretionTable } from './discretion-tables.ts';

const tableIds = DISCRETION_TABLES.map((t) => t.id);
const good = (): EnforcementMatter => structuredClone(findMatter('AIR-99-2')!);
const codes = (input: unknown, ids: readonly string[] = tableIds): MatterErrorCode[] => {
  const r = validateMatter(input, ids);
  return r.ok ? [] : r.errors.map((e) => e.code);
};

void test('the seed is a valid catalogue and every table names seeded matters that point back at it', () => {
  assert.deepEqual(validateCatalogue(MATTER_SEED, tableIds), []);
  for (const t of DISCRETION_TABLES) {
    for (const code of t.matterCodes) assert.equal(findMatter(code)?.discretionTableId, t.id, `${code} → ${t.id}`);
  }
  for (const m of MATTER_SEED) if (m.discretionTableId !== null) assert.ok(tableIds.includes(m.discretionTableId));
});

void test('seeded statutory ranges are those of rules.md §4 and §6', () => {
  const range = (code: string) => findMatter(code)!.penalty;
  assert.deepEqual(range('AIR-99-2'), { kind: 'range', min: 100_000, max: 1_000_000 });
  assert.deepEqual(range('WAT-83-2'), { kind: 'range', min: 100_000, max: 1_000_000 });
  assert.deepEqual(range('PRM-34'), { kind: 'range', min: 200_000, max: 1_000_000 });
  for (const c of ['AIR-100', 'WAT-82', 'PRM-36']) assert.deepEqual(range(c), { kind: 'range', min: 20_000, max: 200_000 });
  assert.deepEqual(range('PRM-37'), { kind: 'perInstance', min: 5_000, max: 20_000 });
  assert.deepEqual(range('CET-21'), { kind: 'range', min: 50_000, max: 500_000 });
  assert.equal(range('EPL-63').kind, 'detention');
  assert.equal(findMatter('EPL-63')!.decidedBy.authority, 'public_security');
  assert.equal(formatArticle(findMatter('AIR-99-2')!.penaltyBasis), 'AIR 99(2)');
  assert.equal(findMatter('NOPE-1'), undefined);
});

void test('validateMatter reports typed errors with paths', () => {
  assert.deepEqual(codes(good()), []);
  assert.deepEqual(codes(null), ['not_an_object']);
  assert.deepEqual(codes({ ...good(), code: 'air 99' }), ['bad_code']);
  assert.deepEqual(codes({ ...good(), version: 0 }), ['bad_version']);
  assert.deepEqual(codes({ ...good(), name: { zh: '', en: 'x' } }), ['bad_text']);
  assert.deepEqual(codes({ ...good(), legalBasis: [] }), ['missing_field']);
  assert.deepEqual(codes({ ...good(), penaltyBasis: { law: 'XYZ', article: 1 } }), ['bad_article']);
  assert.deepEqual(codes({ ...good(), penalty: { kind: 'range', min: 1_000_000, max: 100_000 } }), ['min_above_max']);
  assert.deepEqual(codes({ ...good(), penalty: { kind: 'range', min: -1, max: 100_000 } }), ['bad_amount']);
  assert.deepEqual(codes({ ...good(), penalty: { kind: 'range', min: 1.5, max: 100_000 } }), ['bad_amount']);
  assert.deepEqual(codes({ ...good(), penalty: { kind: 'fine' } }), ['bad_penalty_kind', 'table_without_fine']);
  assert.deepEqual(codes({ ...good(), penalty: { kind: 'daily', of: 'originalFine' } }), ['table_without_fine']);
  assert.deepEqual(codes({ ...good(), discretionTableId: 'GD-NOPE' }), ['unknown_table']);
  assert.deepEqual(codes({ ...good(), decidedBy: { authority: 'mayor', level: null } }), ['bad_authority']);
  assert.deepEqual(codes({ ...good(), source: ' ' }), ['missing_field']);
  assert.deepEqual(codes({ ...good(), penalty: { kind: 'detention', days: { min: 15, max: 10 }, minorDays: { min: 5, max: 10 } }, discretionTableId: null }), ['min_above_max']);
  const r = validateMatter({ ...good(), penalty: { kind: 'multiple', of: 'directLoss', min: 1, max: 3, orRange: { min: 5, max: 1 } }, discretionTableId: null });
  assert.ok(!r.ok);
  assert.deepEqual(r.errors.map((e) => e.path), ['penalty.orRange']);
});

void test('validateCatalogue finds duplicate codes and prefixes paths with the index', () => {
  const errs = validateCatalogue([good(), good(), { ...good(), code: '' }], tableIds);
  assert.deepEqual(errs.map((e) => [e.code, e.path]), [['duplicate_code', '1.code'], ['bad_code', '2.code']]);
});

void test('the seeded tables are valid; a broken table is reported', () => {
  for (const t of DISCRETION_TABLES) assert.deepEqual(tableProblems(t), [], t.id);
  const broken: DiscretionTable = structuredClone(AIR_99_2_TABLE);
  broken.factors[4]!.levels[1]!.from = 4; // gap between 3 and 4
  broken.factors[1]!.levels.push({ ...broken.factors[1]!.levels[0]! });
  broken.floorPercent = 120;
  const problems = tableProblems(broken);
  assert.equal(problems.length, 3, problems.join('; '));
  assert.equal(lowestLevel(AIR_99_2_TABLE.factors[1]!).key, 'vocs');
});
