import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { RiskTier } from '../risk/weights.ts';
import { shuffled, streamFor } from './draw-random.ts';
import {
  DEFAULT_DRAW_POLICY, commitmentView, drawInspection, drawSeed, publicView, drawQuota, verifyDraw,
  type DrawCandidate, type DrawError, type DrawInputs, type DrawOfficer, type DrawPolicy, type DrawRecord, type DrawResult,
} from './draw.ts';

const CITY = '350100'; // 福州市
const COUNTY = '350102'; // 鼓楼区, a county-level district of Fuzhou
const T0 = Date.UTC(2026, 3, 1, 1, 0); // 2026-04-01 09:00 Beijing
const DAY = 86_400_000;

const ok = (r: DrawResult): DrawRecord => (r.ok ? r.record : assert.fail(`expected a draw, got ${r.error.code}: ${r.error.message}`));
const err = (r: DrawResult): DrawError => (r.ok ? assert.fail('expected an error, got a draw') : r.error);

interface DirectorySpec { high?: number; medium?: number; low?: number; keyEvery?: number; listedEvery?: number; warnEvery?: number; region?: string }

/** A directory built in code: n units per tier; every k-th unit key, positive-listed, with warnings. */
function directory(spec: DirectorySpec): DrawCandidate[] {
  const out: DrawCandidate[] = [];
  let i = 0;
  for (const tier of ['high', 'medium', 'low'] as const) {
    for (let j = 0; j < (spec[tier] ?? 0); j++, i++) {
      out.push({
        id: `E${String(i).padStart(4, '0')}`,
        regionCode: spec.region ?? COUNTY,
        tier,
        keyUnit: spec.keyEvery !== undefined && i % spec.keyEvery === 0,
        positiveList: spec.listedEvery !== undefined && i % spec.listedEvery === 1,
        openWarnings: spec.warnEvery !== undefined && i % spec.warnEvery === 1,
      });
    }
  }
  return out;
}

const officers = (n: number, region = COUNTY): DrawOfficer[] => Array.from({ length: n }, (_, i) => ({ id: `O${String(i).padStart(2, '0')}`, regionCode: region }));

function inputs(over: Partial<DrawInputs> = {}): DrawInputs {
  const regionCode = over.regionCode ?? COUNTY;
  return {
    seed: drawSeed({ published: '2026-03-31 福彩3D 123', regionCode, period: '2026-Q2' }),
    regionCode,
    period: '2026-Q2',
    drawnAt: T0,
    publishableAfter: T0 + 30 * DAY,
    policy: { ...DEFAULT_DRAW_POLICY },
    candidates: directory({ high: 12, medium: 30, low: 60, keyEvery: 3, listedEvery: 5, warnEvery: 10 }),
    officers: officers(8),
    conflicts: [],
    pastInspections: [],
    ...over,
  };
}

const ids = (r: DrawRecord) => r.objects.map((o) => o.enterpriseId);

void test('the same seed and inputs in any order give the identical draw', () => {
  const base = inputs({ conflicts: [{ officerId: 'O01', enterpriseId: 'E0003', reason: 'spouse works there' }] });
  const first = ok(drawInspection(base));
  fc.assert(fc.property(fc.string(), (label) => {
    const rng = streamFor(label);
    const again = ok(drawInspection({
      ...base,
      candidates: shuffled(rng, base.candidates),
      officers: shuffled(rng, base.officers),
      conflicts: shuffled(rng, base.conflicts),
    }));
    assert.deepEqual(again, first);
  }), { numRuns: 30 });
  // Fields the draw does not read (names, addresses) change neither the draw nor its digest.
  const decorated = base.candidates.map((c) => ({ ...c, name: `厂${c.id}` }));
  assert.deepEqual(ok(drawInspection({ ...base, candidates: decorated })), first);
});

void test('a different seed gives a different draw', () => {
  const a = ok(drawInspection(inputs()));
  const b = ok(drawInspection(inputs({ seed: drawSeed({ published: '2026-03-31 福彩3D 124', regionCode: COUNTY, period: '2026-Q2' }) })));
  assert.notDeepEqual(ids(a), ids(b));
  assert.notEqual(a.resultDigest, b.resultDigest);
  assert.notEqual(a.inputsDigest, b.inputsDigest);
  // Same size, though: the counts follow from the directory and the policy, not from the seed.
  assert.deepEqual(a.strata, b.strata);
});

void test('the draw is pinned: a change to the algorithm must bump its version', () => {
  const r = ok(drawInspection(inputs({ candidates: directory({ high: 4, medium: 4, low: 8, keyEvery: 2 }), officers: officers(4) })));
  assert.equal(r.algorithm.name, 'ecoenforce-double-random');
  assert.equal(r.algorithm.version, 1);
  assert.deepEqual(r.objects.map((o) => [o.enterpriseId, ...o.officers]), PINNED);
});
// Recorded from version 1; a different result here means old published draws would no longer verify.
const PINNED: string[][] = [
  ['E0000', 'O01', 'O00'], ['E0003', 'O02', 'O03'], ['E0006', 'O02', 'O01'],
  ['E0007', 'O00', 'O03'], ['E0014', 'O02', 'O01'], ['E0015', 'O03', 'O00'],
];

void test('each tier gets ceil(pool × percent) and key units at least the statutory floor (city 5 %, county 25 %)', () => {
  for (const regionCode of [CITY, COUNTY]) {
    const candidates = directory({ high: 12, medium: 30, low: 61, keyEvery: 3, listedEvery: 5, warnEvery: 10, region: regionCode === CITY ? '350102' : COUNTY });
    // The bureau's own officers: a city draws with city officers unless its policy takes its branches.
    const r = ok(drawInspection(inputs({ regionCode, candidates, officers: officers(8, regionCode) })));
    const floor = regionCode === CITY ? 5 : 25; // [W11]
    assert.equal(r.statutory.minimumPercent, floor);
    assert.equal(r.statutory.bureauLevel, regionCode === CITY ? 'city' : 'county');
    for (const s of r.strata) {
      const percent = s.keyUnit ? Math.max(DEFAULT_DRAW_POLICY.tierPercent[s.tier], floor) : DEFAULT_DRAW_POLICY.tierPercent[s.tier];
      assert.equal(s.percent, percent);
      assert.equal(s.drawn, drawQuota(s.pool, percent));
      assert.equal(r.objects.filter((o) => o.tier === s.tier && o.keyUnit === s.keyUnit).length, s.drawn);
    }
    for (const t of r.tiers) assert.ok(t.achievedPercent >= t.policyPercent, `${t.tier} ${t.achievedPercent} % ≥ ${t.policyPercent} %`);
    assert.ok(r.statutory.met);
    assert.ok(r.statutory.keyUnitsDrawn * 100 >= floor * r.statutory.keyUnitsOnSitePool);
  }
  // Worked numbers of a county draw: 61 low-tier units, 21 of them key; units 6, 16, …, 56 are positive-listed
  // without warnings (2 of them key), so 19 key units remain: ceil(19 × 25 %) = ceil(4.75) = 5, and
  // ceil(36 × 5 %) = ceil(1.8) = 2.
  const r = ok(drawInspection(inputs({ candidates: directory({ low: 61, keyEvery: 3, listedEvery: 5, warnEvery: 10 }) })));
  const low = r.strata.filter((s) => s.tier === 'low');
  assert.deepEqual(low.map((s) => [s.keyUnit, s.pool, s.percent, s.drawn]), [[true, 19, 25, 5], [false, 36, 5, 2]]);
});

void test('a Fuzhou-style policy covers its highest tier fully; a policy below the floor is refused', () => {
  const fuzhou: DrawPolicy = { ...DEFAULT_DRAW_POLICY, id: 'fuzhou', tierPercent: { high: 100, medium: 15, low: 5 } };
  const r = ok(drawInspection(inputs({ policy: fuzhou })));
  const high = r.tiers.find((t) => t.tier === 'high')!;
  assert.equal(high.drawn, high.pool);
  const weak: DrawPolicy = { ...DEFAULT_DRAW_POLICY, keyUnitMinimumPercent: { province: 5, city: 5, county: 20 } };
  assert.deepEqual(err(drawInspection(inputs({ policy: weak }))).code, 'bad_policy');
  const oneOfficer: DrawPolicy = { ...DEFAULT_DRAW_POLICY, officersPerObject: 1 };
  assert.equal(err(drawInspection(inputs({ policy: oneOfficer }))).path, 'policy.officersPerObject');
});

void test('positive-listed units without warnings are checked off site; with warnings they stay in the pool [W10]', () => {
  const base = inputs();
  const r = ok(drawInspection(base));
  const offSiteIds = new Set(r.offSite.map((o) => o.enterpriseId));
  const expectedOff = base.candidates.filter((c) => c.positiveList && !c.openWarnings).map((c) => c.id).sort();
  assert.deepEqual([...offSiteIds].sort(), expectedOff);
  assert.ok(expectedOff.length > 0);
  assert.ok(r.objects.every((o) => !offSiteIds.has(o.enterpriseId)));
  const listedWithWarnings = base.candidates.filter((c) => c.positiveList && c.openWarnings).length;
  assert.ok(listedWithWarnings > 0);
  assert.equal(r.strata.reduce((n, s) => n + s.pool, 0), base.candidates.length - expectedOff.length);
  assert.equal(r.statutory.keyUnitsOffSite, base.candidates.filter((c) => c.keyUnit && c.positiveList && !c.openWarnings).length);
  // A listed unit with warnings is drawn like any other: with a 100 % policy every one of them is visited.
  const all: DrawPolicy = { ...DEFAULT_DRAW_POLICY, tierPercent: { high: 100, medium: 100, low: 100 } };
  const full = ok(drawInspection(inputs({ policy: all, officers: officers(30) })));
  assert.equal(full.objects.filter((o) => o.positiveList).length, listedWithWarnings);
});

void test('no officer with a conflict or a recent visit is sent, and each exclusion is recorded with its reason', () => {
  const base = inputs();
  const target = ok(drawInspection(base)).objects[0]!.enterpriseId;
  const conflicts = ['O00', 'O01', 'O02'].map((officerId) => ({ officerId, enterpriseId: target, reason: 'former employee' }));
  const pastInspections = [
    { officerId: 'O03', enterpriseId: target, at: T0 - 10 * DAY },
    { officerId: 'O04', enterpriseId: target, at: T0 - 400 * DAY }, // outside the window: may go
  ];
  const policy = { ...DEFAULT_DRAW_POLICY, recentInspectionDays: 365 };
  const r = ok(drawInspection({ ...base, conflicts, pastInspections, policy }));
  const obj = r.objects.find((o) => o.enterpriseId === target)!;
  for (const id of ['O00', 'O01', 'O02', 'O03']) assert.ok(!obj.officers.includes(id), `${id} must not inspect ${target}`);
  assert.deepEqual(
    r.exclusions.filter((x) => x.enterpriseId === target).map((x) => [x.officerId, x.reason]),
    [['O00', 'conflict_of_interest'], ['O01', 'conflict_of_interest'], ['O02', 'conflict_of_interest'], ['O03', 'recent_inspection']],
  );
  // With the rule off, the earlier visit bars nobody.
  const off = ok(drawInspection({ ...base, conflicts, pastInspections }));
  assert.ok(off.exclusions.every((x) => x.reason !== 'recent_inspection'));
});

void test('officers of another region are left out with their reason', () => {
  const r = ok(drawInspection(inputs({ officers: [...officers(4), { id: 'X01', regionCode: '350103' }] })));
  assert.deepEqual(r.exclusions.filter((x) => x.reason === 'other_region'), [{ officerId: 'X01', enterpriseId: null, reason: 'other_region', detail: '350103' }]);
  assert.ok(r.objects.every((o) => !o.officers.includes('X01')));
  assert.ok(r.officerLoad.every((l) => l.officerId !== 'X01'));
});

void test('impossible staffing is a typed error, not a crash', () => {
  const e = err(drawInspection(inputs({ officers: officers(1) })));
  assert.equal(e.code, 'too_few_officers');
  assert.equal(e.eligibleOfficers, 1);
  // Two officers, but one has a conflict with a drawn unit.
  const base = inputs({ officers: officers(2) });
  const target = ok(drawInspection(base)).objects[3]!.enterpriseId;
  const e2 = err(drawInspection({ ...base, conflicts: [{ officerId: 'O01', enterpriseId: target, reason: 'shareholder' }] }));
  assert.deepEqual([e2.code, e2.enterpriseId, e2.eligibleOfficers], ['too_few_officers', target, 1]);
  assert.equal(err(drawInspection(inputs({ officers: [] }))).code, 'too_few_officers');
  // An empty directory draws nothing and needs nobody.
  assert.equal(ok(drawInspection(inputs({ candidates: [], officers: [] }))).objects.length, 0);
});

void test('bad inputs get typed errors', () => {
  const c0 = inputs().candidates[0]!;
  const cases: Array<[Partial<DrawInputs>, DrawError['code']]> = [
    [{ seed: ' ' }, 'bad_seed'],
    [{ regionCode: '350199x' }, 'bad_region'],
    [{ period: '' }, 'bad_period'],
    [{ publishableAfter: T0 - 1 }, 'bad_time'],
    [{ candidates: [c0, { ...c0 }] }, 'duplicate_candidate'],
    [{ candidates: [{ ...c0, regionCode: '440100' }] }, 'candidate_out_of_region'],
    [{ candidates: [{ ...c0, tier: 'extreme' as RiskTier }] }, 'bad_candidate'],
    [{ officers: [...officers(2), { id: 'O00', regionCode: COUNTY }] }, 'duplicate_officer'],
    [{ pastInspections: [{ officerId: 'O00', enterpriseId: c0.id, at: Number.NaN }] }, 'bad_past_inspection'],
  ];
  for (const [over, code] of cases) assert.equal(err(drawInspection(inputs(over))).code, code, JSON.stringify(over));
  // Whatever arrives from JSON, the draw answers with a value and never throws.
  fc.assert(fc.property(fc.anything(), (junk) => {
    const r = drawInspection(junk as DrawInputs);
    return r.ok === false;
  }));
  fc.assert(fc.property(fc.dictionary(fc.constantFrom('seed', 'regionCode', 'policy', 'candidates', 'officers', 'drawnAt'), fc.anything()), (patch) => {
    drawInspection({ ...inputs(), ...patch });
  }));
});

void test('property: every object is drawn once, from the pool, with ≥ 2 distinct officers, loads within one', () => {
  const spec = fc.record({
    high: fc.nat(15), medium: fc.nat(30), low: fc.nat(60),
    keyEvery: fc.integer({ min: 1, max: 5 }), listedEvery: fc.integer({ min: 2, max: 6 }), warnEvery: fc.integer({ min: 2, max: 9 }),
  });
  const percent = fc.integer({ min: 0, max: 10_000 }).map((h) => h / 100);
  fc.assert(fc.property(spec, fc.tuple(percent, percent, percent), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 4, max: 12 }), fc.string(), (s, [high, medium, low], k, n, seed) => {
    const policy: DrawPolicy = { ...DEFAULT_DRAW_POLICY, tierPercent: { high, medium, low }, officersPerObject: k };
    const base = inputs({ seed: seed.trim() === '' ? 's' : seed, policy, candidates: directory(s), officers: officers(n) });
    const r = ok(drawInspection(base));
    const pool = new Set(base.candidates.filter((c) => !(c.positiveList && !c.openWarnings)).map((c) => c.id));
    assert.equal(new Set(ids(r)).size, r.objects.length);
    assert.ok(ids(r).every((id) => pool.has(id)));
    for (const o of r.objects) assert.equal(new Set(o.officers).size, k);
    const loads = r.officerLoad.map((l) => l.objects);
    assert.ok(Math.max(...loads) - Math.min(...loads) <= 1, `loads ${loads.join(',')}`);
    assert.equal(loads.reduce((a, b) => a + b, 0), r.objects.length * k);
    assert.ok(r.statutory.met);
    assert.deepEqual(verifyDraw(r, base), { ok: true });
  }), { numRuns: 60 });
});

void test('property: random conflicts are never violated', () => {
  fc.assert(fc.property(fc.array(fc.tuple(fc.nat(7), fc.nat(101))), fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''), (pairs, seed) => {
    const conflicts = pairs.map(([o, e]) => ({ officerId: `O0${o}`, enterpriseId: `E${String(e).padStart(4, '0')}`, reason: 'r' }));
    const r = drawInspection(inputs({ seed, conflicts }));
    if (!r.ok) return assert.equal(r.error.code, 'too_few_officers');
    const barred = new Set(conflicts.map((c) => `${c.officerId}|${c.enterpriseId}`));
    for (const o of r.record.objects) for (const id of o.officers) assert.ok(!barred.has(`${id}|${o.enterpriseId}`));
  }), { numRuns: 60 });
});

void test('selection is about uniform within a tier over many seeds (chi-square)', () => {
  const candidates = directory({ low: 20 }); // 20 general units at 5 %: 1 drawn; raise to 25 %: 5 drawn
  const policy: DrawPolicy = { ...DEFAULT_DRAW_POLICY, tierPercent: { high: 25, medium: 15, low: 25 } };
  const counts = new Map(candidates.map((c) => [c.id, 0]));
  const officerCounts = new Map(officers(6).map((o) => [o.id, 0]));
  const seeds = 2000;
  for (let i = 0; i < seeds; i++) {
    const r = ok(drawInspection(inputs({ seed: `uniformity-${i}`, candidates, policy, officers: officers(6) })));
    for (const o of r.objects) {
      counts.set(o.enterpriseId, counts.get(o.enterpriseId)! + 1);
      for (const id of o.officers) officerCounts.set(id, officerCounts.get(id)! + 1);
    }
  }
  const chi2 = (m: Map<string, number>) => {
    const values = [...m.values()];
    const expected = values.reduce((a, b) => a + b, 0) / values.length;
    return values.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
  };
  // 19 degrees of freedom: mean 19, P(χ² > 50) ≈ 1e-4. The seeds are fixed, so the test cannot flake.
  assert.ok(chi2(counts) < 50, `units chi-square ${chi2(counts).toFixed(1)}`);
  // Officers are also balanced by load, so their spread is far below chance; 5 degrees of freedom.
  assert.ok(chi2(officerCounts) < 20, `officers chi-square ${chi2(officerCounts).toFixed(1)}`);
});

void test('verifyDraw confirms an untouched record and names what was changed', () => {
  const base = inputs();
  const r = ok(drawInspection(base));
  assert.deepEqual(verifyDraw(JSON.parse(JSON.stringify(r)) as DrawRecord, base), { ok: true });
  const swapped = structuredClone(r);
  swapped.objects[0]!.officers[0] = 'O07' === swapped.objects[0]!.officers[1] ? 'O06' : 'O07';
  const v1 = verifyDraw(swapped, base);
  assert.ok(!v1.ok && v1.problems.some((p) => p.startsWith('objects')) && v1.problems.some((p) => p.startsWith('resultDigest')));
  const spared = structuredClone(r);
  spared.objects.pop();
  assert.equal(verifyDraw(spared, base).ok, false);
  const other = verifyDraw(r, { ...base, candidates: base.candidates.slice(1) });
  assert.ok(!other.ok && other.problems.some((p) => p.startsWith('inputsDigest')));
  assert.equal(verifyDraw(r, { ...base, seed: 'another' }).ok, false);
  assert.equal(verifyDraw(null as unknown as DrawRecord, base).ok, false);
});

void test('public view only after the visits, without officers\' conflicts; the commitment names nobody', () => {
  const base = inputs({ conflicts: [{ officerId: 'O01', enterpriseId: 'E0003', reason: 'spouse works there' }] });
  const r = ok(drawInspection(base));
  const early = publicView(r, r.publishableAfter - 1);
  assert.ok(!early.ok && early.error.code === 'not_yet_publishable');
  const pub = publicView(r, r.publishableAfter);
  assert.ok(pub.ok);
  const text = JSON.stringify(pub.view);
  assert.ok(!text.includes('spouse') && !text.includes('openWarnings'));
  assert.equal(pub.view.seed, r.seed);
  assert.deepEqual(pub.view.objects.map((o) => o.officers), r.objects.map((o) => o.officers));
  const c = JSON.stringify(commitmentView(r));
  assert.ok(!c.includes(r.seed) && base.candidates.every((x) => !c.includes(x.id)) && !c.includes('"O0'));
  assert.equal(commitmentView(r).resultDigest, r.resultDigest);
});
