import { test } from 'node:test';
import assert from 'node:assert/strict';
import { industryPoints, precisionAtK, rankByScore, scoreRisk, type RiskInputs } from './score.ts';
import { DEFAULT_RISK_WEIGHTS, RISK_FACTORS, tierOf, weightsProblems, type RiskWeights } from './weights.ts';

const W: RiskWeights = structuredClone(DEFAULT_RISK_WEIGHTS);

const clean: RiskInputs = {
  exceedances: [], findings: [], transmission: { expected: 10_080, onTime: 10_080 }, markings: { made: 0, late: 0 },
  penalties: null, rectification: null, tips: null, managementCategory: 'key', industryCode: '4411',
};

const byFactor = (s: ReturnType<typeof scoreRisk>) => new Map(s.contributions.map((c) => [c.factor, c]));

void test('a clean unit scores only its static points, and every factor appears in the explanation', () => {
  const s = scoreRisk(clean, W);
  assert.deepEqual(s.contributions.map((c) => c.factor), [...RISK_FACTORS]);
  const c = byFactor(s);
  assert.equal(c.get('category')!.points, W.category.key);
  const thermal = W.industry.find((r) => r.prefix === '441')!.points;
  assert.equal(c.get('industry')!.points, thermal, 'thermal power 4411 matches prefix 441');
  assert.deepEqual(c.get('industry')!.detail, { prefix: '441' });
  assert.equal(s.score, W.category.key + thermal);
  assert.equal(s.tier, 'low');
  assert.equal(c.get('transmission')!.points, 0);
});

void test('sources that do not exist yet read 0 and say so', () => {
  const c = byFactor(scoreRisk(clean, W));
  for (const f of ['penalties', 'rectification', 'tips'] as const) {
    assert.equal(c.get(f)!.points, 0);
    assert.equal(c.get(f)!.raw, null);
    assert.equal(c.get(f)!.note, 'source_unavailable');
  }
  // Once a source exists its count is weighed like any other.
  const withTips = byFactor(scoreRisk({ ...clean, tips: 2 }, W));
  assert.equal(withTips.get('tips')!.points, 2 * W.perUnit.tips);
  assert.equal(withTips.get('tips')!.note, undefined);
});

void test('exceedances count per episode and by their multiples; each factor is capped', () => {
  const s = scoreRisk({ ...clean, exceedances: [{ worstMultiple: 0.6, periods: 3 }, { worstMultiple: 1.5, periods: 2 }] }, W);
  const c = byFactor(s);
  assert.equal(c.get('exceedance')!.raw, 2);
  assert.equal(c.get('exceedance')!.points, 2 * W.perUnit.exceedance);
  assert.deepEqual(c.get('exceedance')!.detail, { episodes: 2, periods: 5 });
  assert.equal(c.get('exceedanceMultiple')!.raw, 2.1);
  assert.equal(c.get('exceedanceMultiple')!.points, 2.1 * W.perUnit.exceedanceMultiple);
  assert.equal(c.get('exceedanceMultiple')!.detail.worstMultiple, 1.5);
  assert.equal(s.score, scoreRisk(clean, W).score + 2 * W.perUnit.exceedance + 2.1 * W.perUnit.exceedanceMultiple);
  const many = byFactor(scoreRisk({ ...clean, exceedances: Array.from({ length: 20 }, () => ({ worstMultiple: 3, periods: 1 })) }, W));
  assert.equal(many.get('exceedance')!.points, W.caps.exceedance);
  assert.equal(many.get('exceedance')!.capped, true);
  assert.equal(many.get('exceedanceMultiple')!.points, W.caps.exceedanceMultiple);
});

void test('findings split into fraud and data quality by kind, weighted by severity', () => {
  const c = byFactor(scoreRisk({ ...clean, findings: [{ kind: 'flatline', severity: 'high' }, { kind: 'flatline', severity: 'low' }, { kind: 'o2Dilution', severity: 'medium' }] }, W));
  assert.equal(c.get('dataQuality')!.raw, W.severity.high + W.severity.low);
  assert.deepEqual(c.get('dataQuality')!.detail, { flatline: 2 });
  assert.equal(c.get('fraud')!.raw, W.severity.medium);
  assert.equal(c.get('fraud')!.points, W.severity.medium * W.perUnit.fraud);
  // The classification is data: moving a kind moves its points.
  const moved = byFactor(scoreRisk({ ...clean, findings: [{ kind: 'flatline', severity: 'low' }] }, { ...W, fraudKinds: ['flatline'] }));
  assert.equal(moved.get('fraud')!.raw, 1);
  assert.equal(moved.get('dataQuality')!.raw, 0);
});

void test('transmission counts the missing share in percentage points; no due frames is noted, not penalised', () => {
  const c = byFactor(scoreRisk({ ...clean, transmission: { expected: 1000, onTime: 850 } }, W));
  assert.equal(c.get('transmission')!.raw, 15);
  assert.equal(c.get('transmission')!.points, 15 * W.perUnit.transmission);
  assert.equal(c.get('transmission')!.detail.rate, 85);
  const none = byFactor(scoreRisk({ ...clean, transmission: null }, W));
  assert.equal(none.get('transmission')!.points, 0);
  assert.equal(none.get('transmission')!.note, 'no_data_due');
});

void test('late markings weigh more than markings made in time', () => {
  const inTime = scoreRisk({ ...clean, markings: { made: 2, late: 0 } }, W).score;
  const late = scoreRisk({ ...clean, markings: { made: 2, late: 2 } }, W).score;
  assert.equal(inTime, scoreRisk(clean, W).score + 2 * W.perUnit.markings);
  assert.equal(late - inTime, 2 * W.perUnit.lateMarkings);
});

void test('tiers follow the thresholds; the score is capped at 100', () => {
  assert.equal(tierOf(W.tiers.medium - 0.1, W.tiers), 'low');
  assert.equal(tierOf(W.tiers.medium, W.tiers), 'medium');
  assert.equal(tierOf(W.tiers.high, W.tiers), 'high');
  assert.equal(tierOf(30, { medium: 10, high: 20 }), 'high');
  const worst = scoreRisk({
    ...clean, exceedances: Array.from({ length: 9 }, () => ({ worstMultiple: 4, periods: 5 })),
    findings: Array.from({ length: 9 }, () => ({ kind: 'o2Dilution', severity: 'high' as const })), transmission: { expected: 100, onTime: 0 },
  }, W);
  assert.equal(worst.score, 100);
  assert.equal(worst.tier, 'high');
});

void test('industry: the longest prefix wins, unknown codes get the default', () => {
  const w = { ...W, industry: [{ prefix: '26', points: 8, label: '' }, { prefix: '2614', points: 11, label: '' }] };
  assert.deepEqual(industryPoints('2614', w), { points: 11, prefix: '2614' });
  assert.deepEqual(industryPoints('2651', w), { points: 8, prefix: '26' });
  assert.deepEqual(industryPoints('9999', w), { points: W.industryDefault, prefix: null });
  assert.deepEqual(industryPoints(null, w), { points: W.industryDefault, prefix: null });
});

void test('weights are validated when saved', () => {
  assert.deepEqual(weightsProblems(W), []);
  assert.ok(weightsProblems({ ...W, tiers: { high: 20, medium: 30 } }).some((p) => p.startsWith('tiers')));
  assert.ok(weightsProblems({ ...W, perUnit: { ...W.perUnit, fraud: -1 } }).some((p) => p.startsWith('perUnit.fraud')));
  assert.ok(weightsProblems({ ...W, transmissionDays: 40 }).some((p) => p.startsWith('transmissionDays')));
  assert.ok(weightsProblems({ ...W, industry: [{ prefix: '44a', points: 1, label: '' }] }).some((p) => p.includes('prefix')));
  assert.ok(weightsProblems({ ...W, fraudKinds: ['exceedance'] }).some((p) => p.startsWith('fraudKinds')));
});

void test('ranking is by score then id; precision at k counts relevant ids among the first k', () => {
  const ranked = rankByScore([{ id: 3, score: 10 }, { id: 1, score: 40 }, { id: 2, score: 10 }, { id: 4, score: 55 }]).map((r) => r.id);
  assert.deepEqual(ranked, [4, 1, 2, 3]);
  assert.equal(precisionAtK(ranked, new Set([4, 1])), 1);
  assert.equal(precisionAtK(ranked, new Set([4, 3])), 0.5);
  assert.equal(precisionAtK(ranked, new Set([2, 3]), 3), 1 / 3);
});
