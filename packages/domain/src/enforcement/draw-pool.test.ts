// The officer pool of the double-random draw (draw-policy.ts OFFICER_POOLS): whose officers a draw may
// send. 'own' (the default, and what a policy stored before the field means) sends only the bureau's own
// staff; 'withBranches' lets a city send its branches' (分局) staff too, each only within the branch's area.
// Conflicts of interest and two officers per unit hold either way, and records stored before the field
// existed still verify.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  DEFAULT_DRAW_POLICY, drawInspection, drawSeed, verifyDraw,
  type DrawCandidate, type DrawError, type DrawInputs, type DrawOfficer, type DrawPolicy, type DrawRecord, type DrawResult, type OfficerPool,
} from './draw.ts';

const CITY = '350100'; // 福州市
const GULOU = '350102'; // 鼓楼区, a branch of the city bureau
const TAIJIANG = '350103'; // 台江区, another branch
const XIAMEN = '350203'; // 思明区, in another city
const T0 = Date.UTC(2026, 3, 1, 1, 0);
const DAY = 86_400_000;

const ok = (r: DrawResult): DrawRecord => (r.ok ? r.record : assert.fail(`expected a draw, got ${r.error.code}: ${r.error.message}`));
const err = (r: DrawResult): DrawError => (r.ok ? assert.fail('expected an error, got a draw') : r.error);

/** Every unit drawn on site, so every unit needs two officers. */
const EVERYONE: DrawPolicy = { ...DEFAULT_DRAW_POLICY, tierPercent: { high: 100, medium: 100, low: 100 } };
const pool = (officerPool: OfficerPool): DrawPolicy => ({ ...EVERYONE, officerPool });

const units = (region: string, n: number, from: number): DrawCandidate[] => Array.from({ length: n }, (_, i) => ({
  id: `E${String(from + i).padStart(4, '0')}`, regionCode: region, tier: (['high', 'medium', 'low'] as const)[i % 3]!, keyUnit: i % 2 === 0, positiveList: false, openWarnings: false,
}));
const staff = (prefix: string, region: string, n: number): DrawOfficer[] => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i + 1}`, regionCode: region }));

/** A city draw over two branches' units, with one city officer, two officers in each branch and one elsewhere. */
function cityInputs(over: Partial<DrawInputs> = {}): DrawInputs {
  return {
    seed: drawSeed({ published: '2026-03-31 福彩3D 123', regionCode: CITY, period: '2026-Q2' }),
    regionCode: CITY, period: '2026-Q2', drawnAt: T0, publishableAfter: T0 + 30 * DAY,
    policy: EVERYONE,
    candidates: [...units(GULOU, 5, 0), ...units(TAIJIANG, 4, 10)],
    officers: [...staff('C', CITY, 1), ...staff('G', GULOU, 2), ...staff('T', TAIJIANG, 2), ...staff('X', XIAMEN, 1)],
    conflicts: [], pastInspections: [],
    ...over,
  };
}

const regionOf = (inputs: DrawInputs) => new Map(inputs.officers.map((o) => [o.id, o.regionCode]));
const drawnOfficers = (r: DrawRecord) => new Set(r.objects.flatMap((o) => o.officers));

void test("'own' (and a policy without the field) sends only the bureau's own staff; branch officers are left out with their reason", () => {
  // One city officer cannot staff a unit with two.
  for (const policy of [EVERYONE, pool('own'), { ...EVERYONE, officerPool: undefined }]) {
    const e = err(drawInspection(cityInputs({ policy })));
    assert.equal(e.code, 'too_few_officers');
    assert.equal(e.eligibleOfficers, 1);
  }
  const inputs = cityInputs({ officers: [...cityInputs().officers, { id: 'C2', regionCode: CITY }] });
  const r = ok(drawInspection(inputs));
  assert.deepEqual([...drawnOfficers(r)].sort(), ['C1', 'C2']);
  assert.deepEqual(
    r.exclusions.filter((x) => x.enterpriseId === null).map((x) => [x.officerId, x.reason, x.detail]),
    [['G1', 'sub_region', GULOU], ['G2', 'sub_region', GULOU], ['T1', 'sub_region', TAIJIANG], ['T2', 'sub_region', TAIJIANG], ['X1', 'other_region', XIAMEN]],
  );
  assert.deepEqual(r.officerLoad.map((l) => l.officerId), ['C1', 'C2']);
  assert.deepEqual(r.policy, { id: 'default', version: 1 }, 'the default pool is not named in the record');
});

void test("'withBranches' lets a city send its branches' officers, each only within the branch's own area", () => {
  const inputs = cityInputs({ policy: pool('withBranches') });
  const r = ok(drawInspection(inputs));
  const region = regionOf(inputs);
  assert.equal(r.objects.length, 9);
  for (const o of r.objects) {
    assert.equal(new Set(o.officers).size, 2, `${o.enterpriseId}: two distinct officers`);
    for (const id of o.officers) assert.ok(region.get(id) === CITY || region.get(id) === o.regionCode, `${id} (${region.get(id)}) may not go to ${o.enterpriseId} in ${o.regionCode}`);
  }
  const sent = drawnOfficers(r);
  for (const id of ['G1', 'G2', 'T1', 'T2']) assert.ok(sent.has(id), `branch officer ${id} is drawn`);
  assert.ok(!sent.has('X1'));
  assert.deepEqual(r.exclusions.map((x) => [x.officerId, x.reason]), [['X1', 'other_region']], 'another city\'s officer is still out; no branch officer is');
  assert.deepEqual(r.policy, { id: 'default', version: 1, officerPool: 'withBranches' });
  assert.deepEqual(verifyDraw(r, inputs), { ok: true });
});

void test('with branches, conflicts of interest still bar an officer, and a unit its area cannot staff is a typed error', () => {
  const target = 'E0000'; // in 鼓楼
  const conflicts = [
    { officerId: 'G1', enterpriseId: target, reason: 'former employee' },
    { officerId: 'T1', enterpriseId: target, reason: 'cousin works there' }, // could not go to 鼓楼 anyway
  ];
  const r = ok(drawInspection(cityInputs({ policy: pool('withBranches'), conflicts })));
  const obj = r.objects.find((o) => o.enterpriseId === target)!;
  assert.deepEqual([...obj.officers].sort(), ['C1', 'G2'], 'the only two who may go');
  assert.deepEqual(r.exclusions.filter((x) => x.enterpriseId === target).map((x) => [x.officerId, x.reason]), [['G1', 'conflict_of_interest']], 'only exclusions that removed someone who could go');

  // G2 conflicted as well: 鼓楼's unit has one officer left (C1); 台江's officers cannot step in.
  const e = err(drawInspection(cityInputs({ policy: pool('withBranches'), conflicts: [...conflicts, { officerId: 'G2', enterpriseId: target, reason: 'shareholder' }] })));
  assert.deepEqual([e.code, e.enterpriseId, e.eligibleOfficers], ['too_few_officers', target, 1]);
  assert.match(e.message, /2 of branches elsewhere/);

  // A unit registered at the city itself: only city officers cover it.
  const cityUnit: DrawCandidate = { id: 'E0099', regionCode: CITY, tier: 'high', keyUnit: true, positiveList: false, openWarnings: false };
  const withCityUnit = cityInputs({ policy: pool('withBranches'), candidates: [...cityInputs().candidates, cityUnit] });
  assert.deepEqual(err(drawInspection(withCityUnit)).enterpriseId, 'E0099');
  const staffed = ok(drawInspection({ ...withCityUnit, officers: [...withCityUnit.officers, { id: 'C2', regionCode: CITY }] }));
  assert.deepEqual([...staffed.objects.find((o) => o.enterpriseId === 'E0099')!.officers].sort(), ['C1', 'C2']);
});

void test('only a city draws with its branches; a pool that is not own or withBranches is refused', () => {
  const county = cityInputs({ regionCode: GULOU, candidates: units(GULOU, 3, 0), policy: pool('withBranches') });
  assert.deepEqual([err(drawInspection(county)).code, err(drawInspection(county)).path], ['bad_policy', 'policy.officerPool']);
  const province = cityInputs({ regionCode: '350000', policy: pool('withBranches') });
  assert.equal(err(drawInspection(province)).path, 'policy.officerPool');
  const odd = cityInputs({ policy: { ...EVERYONE, officerPool: 'everyone' as OfficerPool } });
  assert.deepEqual([err(drawInspection(odd)).code, err(drawInspection(odd)).path], ['bad_policy', 'policy.officerPool']);
  // A county draws its own staff, as always.
  assert.ok(ok(drawInspection({ ...county, policy: pool('own'), officers: staff('G', GULOU, 2) })).objects.length > 0);
});

void test('property: with branches every object gets k distinct officers who cover its unit, or the draw says who is short', () => {
  fc.assert(fc.property(
    fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 2, max: 3 }), fc.string(),
    (city, gulou, taijiang, k, seed) => {
      const inputs = cityInputs({
        seed: `pool-${seed}`, policy: { ...pool('withBranches'), officersPerObject: k },
        officers: [...staff('C', CITY, city), ...staff('G', GULOU, gulou), ...staff('T', TAIJIANG, taijiang)],
      });
      const r = drawInspection(inputs);
      const enough = city + Math.min(gulou, taijiang) >= k;
      if (!r.ok) return assert.ok(!enough && r.error.code === 'too_few_officers', r.error.message);
      assert.ok(enough);
      const region = regionOf(inputs);
      for (const o of r.record.objects) {
        assert.equal(new Set(o.officers).size, k);
        for (const id of o.officers) assert.ok(region.get(id) === CITY || region.get(id) === o.regionCode);
      }
    },
  ), { numRuns: 60 });
});

/**
 * A draw as stored before the policy had an officer pool: its inputs and record verbatim, as made by the
 * code of that time (the policy has no officerPool, the record's policy only id and version).
 */
const OLD_INPUTS = {
  seed: '2026-03-31 福彩3D 123|350102|2026-Q2', regionCode: '350102', period: '2026-Q2', drawnAt: 1775005200000, publishableAfter: 1777597200000,
  policy: {
    id: 'default', version: 1, tierPercent: { high: 100, medium: 50, low: 5 }, keyUnitMinimumPercent: { province: 5, city: 5, county: 25 }, officersPerObject: 2, recentInspectionDays: 0,
    source: 'rules.md §3 [W11]: city ≥ 5 %, county ≥ 25 % of key dischargers per quarter; Chizhou 25/15/5 % by risk tier',
  },
  candidates: [
    { id: 'E0001', regionCode: '350102', tier: 'high', keyUnit: true, positiveList: false, openWarnings: false },
    { id: 'E0002', regionCode: '350102', tier: 'medium', keyUnit: false, positiveList: false, openWarnings: false },
    { id: 'E0003', regionCode: '350102', tier: 'medium', keyUnit: false, positiveList: true, openWarnings: false },
    { id: 'E0004', regionCode: '350102', tier: 'low', keyUnit: false, positiveList: false, openWarnings: false },
  ],
  officers: [{ id: 'O00', regionCode: '350102' }, { id: 'O01', regionCode: '350102' }, { id: 'O02', regionCode: '350102' }],
  conflicts: [{ officerId: 'O01', enterpriseId: 'E0001', reason: 'spouse works there' }], pastInspections: [],
} as const satisfies DrawInputs;

const OLD_RECORD: DrawRecord = {
  algorithm: { name: 'ecoenforce-double-random', version: 1, prng: 'xoshiro128** 1.1 seeded with SHA-256(label)[0..16)', shuffle: 'Fisher–Yates from the last index down; bounded integers by rejection below the largest multiple of n in 2^32', countRule: 'per stratum (tier × key unit): ceil(pool × percent / 100); key units at max(tier percent, statutory floor)' },
  seed: '2026-03-31 福彩3D 123|350102|2026-Q2',
  regionCode: '350102',
  period: '2026-Q2',
  drawnAt: 1775005200000,
  publishableAfter: 1777597200000,
  policy: { id: 'default', version: 1 },
  inputsDigest: 'ddc11050b19794917b5233ef526663dae54c0fde87fbff8f041000f2eeaba120',
  resultDigest: '11cfbbef71cb510d196be8f7f752bc4a08a6dc25f1f537b6fd75ed469485c620',
  strata: [
    { tier: 'high', keyUnit: true, pool: 1, percent: 100, drawn: 1 },
    { tier: 'high', keyUnit: false, pool: 0, percent: 100, drawn: 0 },
    { tier: 'medium', keyUnit: true, pool: 0, percent: 50, drawn: 0 },
    { tier: 'medium', keyUnit: false, pool: 1, percent: 50, drawn: 1 },
    { tier: 'low', keyUnit: true, pool: 0, percent: 25, drawn: 0 },
    { tier: 'low', keyUnit: false, pool: 1, percent: 5, drawn: 1 },
  ],
  tiers: [
    { tier: 'high', pool: 1, drawn: 1, achievedPercent: 100, policyPercent: 100 },
    { tier: 'medium', pool: 1, drawn: 1, achievedPercent: 100, policyPercent: 50 },
    { tier: 'low', pool: 1, drawn: 1, achievedPercent: 100, policyPercent: 5 },
  ],
  statutory: { bureauLevel: 'county', minimumPercent: 25, keyUnitsInDirectory: 1, keyUnitsOnSitePool: 1, keyUnitsDrawn: 1, keyUnitsOffSite: 0, achievedPercent: 100, met: true, source: 'rules.md §3 [W11]: city bureau ≥ 5 %, county bureau ≥ 25 % of key dischargers per quarter' },
  objects: [
    { enterpriseId: 'E0001', regionCode: '350102', tier: 'high', keyUnit: true, positiveList: false, openWarnings: false, officers: ['O00', 'O02'] },
    { enterpriseId: 'E0002', regionCode: '350102', tier: 'medium', keyUnit: false, positiveList: false, openWarnings: false, officers: ['O01', 'O00'] },
    { enterpriseId: 'E0004', regionCode: '350102', tier: 'low', keyUnit: false, positiveList: false, openWarnings: false, officers: ['O02', 'O01'] },
  ],
  offSite: [{ enterpriseId: 'E0003', regionCode: '350102', tier: 'medium', keyUnit: false }],
  exclusions: [
    { officerId: 'O01', enterpriseId: 'E0001', reason: 'conflict_of_interest', detail: 'spouse works there' },
  ],
  officerLoad: [{ officerId: 'O00', objects: 2 }, { officerId: 'O01', objects: 2 }, { officerId: 'O02', objects: 2 }],
};

void test('a draw stored before the officer pool existed still verifies, and its pool cannot be changed unnoticed', () => {
  const inputs = structuredClone(OLD_INPUTS) as unknown as DrawInputs;
  assert.ok(!('officerPool' in inputs.policy));
  assert.deepEqual(verifyDraw(OLD_RECORD, inputs), { ok: true });
  // Spelling out the default changes nothing: the same digest and the same record.
  const own = ok(drawInspection({ ...inputs, policy: { ...inputs.policy, officerPool: 'own' } }));
  assert.deepEqual(own, OLD_RECORD);
  // Claiming a different pool for the stored inputs is caught (a county cannot draw with branches at all).
  const claimed = verifyDraw({ ...OLD_RECORD, policy: { ...OLD_RECORD.policy, officerPool: 'withBranches' } }, inputs);
  assert.ok(!claimed.ok && claimed.problems.some((p) => p.startsWith('policy')));
  assert.equal(verifyDraw(OLD_RECORD, { ...inputs, policy: { ...inputs.policy, officerPool: 'withBranches' } }).ok, false);

  // A city draw with branches (and enough city staff to draw without them): dropping the pool from its
  // stored inputs no longer matches the record.
  const city = cityInputs({ policy: pool('withBranches'), officers: [...cityInputs().officers, { id: 'C2', regionCode: CITY }] });
  const r = ok(drawInspection(city));
  const { officerPool: _dropped, ...withoutPool } = city.policy;
  const stripped = verifyDraw(r, { ...city, policy: withoutPool });
  assert.ok(!stripped.ok && stripped.problems.some((p) => p.startsWith('inputsDigest')), JSON.stringify(stripped));
});
