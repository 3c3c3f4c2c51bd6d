import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bandOf, computeFine, exceedanceMultiple, heaviestFine, joinSources, type FactorFact, type FineRequest, type FineResult } from './discretion.ts';
import { AIR_99_2_TABLE, PRM_34_TABLE, WAT_83_2_TABLE, waterTable, type DiscretionTable } from './discretion-tables.ts';
import { findMatter, type EnforcementMatter } from './matters.ts';

const matter = (code: string): EnforcementMatter => findMatter(code) ?? assert.fail(`no seed matter ${code}`);
const AIR = matter('AIR-99-2');
const ok = (r: FineResult) => (r.ok ? r : assert.fail(`expected a fine, got ${r.error.code}: ${r.error.message}`));
const err = (r: FineResult) => (r.ok ? assert.fail(`expected an error, got ${r.amount}`) : r.error);
const level = (...levels: string[]): FactorFact => ({ proven: true, levels });
const value = (v: number): FactorFact => ({ proven: true, value: v });
const workedFacts = { pollutantCount: value(2), pollutantKind: level('bClass'), exceedanceMultiple: value(2.5), repeats: value(1) };

void test('worked example: 2 pollutants, B-class, 2.5× over, first offence, AIR 99(2) → 23 % → 230,000 yuan', () => {
  const r = ok(computeFine({ matter: AIR, table: AIR_99_2_TABLE, facts: workedFacts }));
  assert.equal(r.amount, 230_000);
  const e = r.explanation;
  assert.deepEqual(e.percent, { sum: 23, capped: 23, applied: 23 });
  assert.equal(e.formula, '(10 + 3 + 8 + 2) % = 23 % × 1,000,000 = 230,000');
  assert.equal(e.method, 'weights');
  assert.deepEqual(e.table, { id: 'GD-AIR-99-2', version: 1 });
  const byKey = new Map(e.factors.map((f) => [f.key, f]));
  assert.deepEqual([...byKey.keys()], ['pollutantCount', 'pollutantKind', 'area', 'period', 'exceedanceMultiple', 'repeats']);
  assert.equal(byKey.get('exceedanceMultiple')!.level, 'below3');
  assert.equal(byKey.get('exceedanceMultiple')!.value, 2.5);
  assert.equal(byKey.get('pollutantKind')!.weight, 8);
  // Area and period were not established: they score their lowest level, and say so (GD art. 5).
  assert.equal(byKey.get('area')!.rule, 'unproven_lowest_level');
  assert.equal(byKey.get('area')!.weight, 0);
  assert.ok(e.steps.every((s) => s.source.length > 0), 'each step cites its article');
  // The explanation is plain JSON a case can store and read back unchanged.
  assert.deepEqual(JSON.parse(JSON.stringify(e)), e);
});

void test('an unproven factor scores its lowest level, not zero (GD art. 5)', () => {
  const facts = { ...workedFacts, pollutantKind: { proven: false, note: 'lab report pending' } as FactorFact };
  const r = ok(computeFine({ matter: AIR, table: AIR_99_2_TABLE, facts }));
  const kind = r.explanation.factors.find((f) => f.key === 'pollutantKind')!;
  assert.equal(kind.level, 'vocs');
  assert.equal(kind.weight, 3);
  assert.equal(r.amount, 180_000, '10 + 3 + 3 + 2 = 18 %');
  // Leaving the factor out altogether is the same as unproven.
  const { pollutantKind: _omit, ...rest } = workedFacts;
  assert.equal(ok(computeFine({ matter: AIR, table: AIR_99_2_TABLE, facts: rest })).amount, 180_000);
});

void test('several proven levels of one factor: the heaviest counts (GD art. 17)', () => {
  const r = ok(computeFine({ matter: AIR, table: AIR_99_2_TABLE, facts: { ...workedFacts, pollutantKind: level('bClass', 'aClass'), area: level('restricted', 'ecologicalSensitive') } }));
  const kind = r.explanation.factors.find((f) => f.key === 'pollutantKind')!;
  assert.equal(kind.level, 'aClass');
  assert.equal(kind.rule, 'heaviest_of_several');
  assert.equal(r.amount, 550_000, '10 + 3 + 25 + 15 + 2 = 55 %');
});

void test('Σ weights are capped at 100 % of the statutory maximum (GD art. 6)', () => {
  const all = { pollutantCount: value(5), pollutantKind: level('aClass'), area: level('ecologicalSensitive'), period: level('heavyPollutionWarning'), exceedanceMultiple: value(25), repeats: value(6) };
  assert.equal(ok(computeFine({ matter: AIR, table: AIR_99_2_TABLE, facts: all })).amount, 1_000_000, 'the heaviest AIR row sums to exactly 100 %');
  const heavy: DiscretionTable = { ...AIR_99_2_TABLE, start: { weight: 50, source: 'test' } };
  const r = ok(computeFine({ matter: AIR, table: heavy, facts: all }));
  assert.deepEqual(r.explanation.percent, { sum: 140, capped: 100, applied: 100 });
  assert.equal(r.amount, 1_000_000);
  assert.match(r.explanation.formula, /capped 100 %/);
});

void test('never below the statutory minimum', () => {
  const light: DiscretionTable = { ...AIR_99_2_TABLE, start: { weight: 1, source: 'test' } };
  const r = ok(computeFine({ matter: AIR, table: light, facts: { exceedanceMultiple: value(0.5) } }));
  assert.equal(r.explanation.percent!.applied, 6, '1 + 3 (lowest kind) + 2');
  assert.equal(r.amount, 100_000, '6 % = 60,000 is raised to the AIR 99 minimum');
  assert.ok(r.explanation.steps.some((s) => s.rule === 'statutory_minimum'));
});

void test('PRM 34: the same table with a floor of 20 % [GD-A1]', () => {
  const prm = matter('PRM-34');
  const low = ok(computeFine({ matter: prm, table: PRM_34_TABLE, facts: { pollutantCount: value(1), pollutantKind: level('vocs'), exceedanceMultiple: value(0.2) } }));
  assert.deepEqual(low.explanation.percent, { sum: 15, capped: 15, applied: 20 });
  assert.equal(low.amount, 200_000);
  assert.match(low.explanation.formula, /floor 20 %/);
  assert.equal(ok(computeFine({ matter: prm, table: PRM_34_TABLE, facts: workedFacts })).amount, 230_000, 'above the floor the weights stand');
});

void test('WAT 83(2) table: start 7 %, toxic 22 %, zone 15 %, ≥ 200 t/day 10 %, exceedance 5/8/15/23 %', () => {
  const wat = matter('WAT-83-2');
  const r = ok(computeFine({ matter: wat, table: WAT_83_2_TABLE, facts: { toxic: level('toxic'), exceedanceMultiple: value(1.5), dailyVolume: value(150) } }));
  assert.equal(r.explanation.formula, '(7 + 22 + 5) % = 34 % × 1,000,000 = 340,000');
  assert.equal(r.amount, 340_000);
  const big = ok(computeFine({ matter: wat, table: WAT_83_2_TABLE, facts: { toxic: level('toxic'), drinkingWaterZone: level('firstGrade'), exceedanceMultiple: value(20), dailyVolume: value(200) } }));
  assert.equal(big.amount, 770_000, '7 + 22 + 15 + 10 + 23; 200 t/day is in the ≥ 200 band');
  // rules.md is silent on the water bands: they are a parameter.
  const custom = waterTable([2, 5, 10]);
  assert.equal(ok(computeFine({ matter: wat, table: custom, facts: { exceedanceMultiple: value(2.5) } })).amount, 150_000, '7 + 8 (2–5 band)');
});

void test('band edges: [from, to) — the lower edge belongs to the band above (GD art. 23)', () => {
  const f = AIR_99_2_TABLE.factors.find((x) => x.key === 'exceedanceMultiple')!;
  const at = (v: number) => bandOf(f.levels, v)?.key;
  assert.equal(at(0), 'below3');
  assert.equal(at(2.999), 'below3');
  assert.equal(at(3), '3to8');
  assert.equal(at(7.999), '3to8');
  assert.equal(at(8), '8to20');
  assert.equal(at(20), '20plus');
  assert.equal(at(1e6), '20plus');
  assert.equal(at(-0.1), undefined);
  assert.equal(exceedanceMultiple(350, 100), 2.5, '(C − limit)/limit');
  assert.throws(() => exceedanceMultiple(1, 0), RangeError);
  assert.equal(err(computeFine({ matter: AIR, table: AIR_99_2_TABLE, facts: { exceedanceMultiple: value(-0.5) } })).code, 'value_out_of_bands');
});

void test('public apology and pledge: −30–50 %, never below the minimum, barred where GD art. 14 bars it', () => {
  const apology = (reductionPercent: number, more: Partial<NonNullable<FineRequest['apology']>> = {}) =>
    ({ correctedBeforeDecision: true, apologisedPublicly: true, pledged: true, reductionPercent, ...more });
  const base: FineRequest = { matter: AIR, table: AIR_99_2_TABLE, facts: workedFacts };
  assert.equal(ok(computeFine({ ...base, apology: apology(30) })).amount, 161_000);
  assert.equal(ok(computeFine({ ...base, apology: apology(50) })).amount, 115_000);
  const lowFacts = { pollutantKind: level('vocs'), exceedanceMultiple: value(1) };
  const floored = ok(computeFine({ ...base, facts: lowFacts, apology: apology(50) }));
  assert.equal(floored.amount, 100_000, '150,000 − 50 % = 75,000 is raised to the minimum');
  assert.equal(err(computeFine({ ...base, apology: apology(29) })).code, 'bad_reduction');
  assert.equal(err(computeFine({ ...base, apology: apology(51) })).code, 'bad_reduction');
  const barred = ok(computeFine({ ...base, apology: apology(50, { bars: ['suspectedCrime'] }) }));
  assert.equal(barred.amount, 230_000);
  assert.deepEqual(barred.explanation.apology, { requested: true, applied: false, reductionPercent: null, barredBy: ['suspectedCrime'], unmet: [] });
  assert.equal(err(computeFine({ ...base, apology: apology(40, { bars: ['becauseISaidSo'] }) })).code, 'unknown_bar');
  const unmet = ok(computeFine({ ...base, apology: apology(40, { pledged: false }) }));
  assert.equal(unmet.amount, 230_000);
  assert.deepEqual(unmet.explanation.apology!.unmet, ['pledged']);
  // A fine already at the minimum is barred by GD art. 14(10); an emergency aggravation by art. 14(4).
  const light: DiscretionTable = { ...AIR_99_2_TABLE, start: { weight: 1, source: 'test' } };
  assert.deepEqual(ok(computeFine({ ...base, table: light, facts: {}, apology: apology(30) })).explanation.apology!.barredBy, ['minimumOrFixedFine']);
  assert.ok(ok(computeFine({ ...base, aggravating: ['emergencyMeasures'], apology: apology(30) })).explanation.apology!.barredBy.includes('emergencyAggravation'));
});

void test('range mode (no table): ordinary = midpoint, mitigated below it, aggravated not below it (GD art. 12)', () => {
  const m100 = matter('AIR-100');
  const ordinary = ok(computeFine({ matter: m100 }));
  assert.equal(ordinary.amount, 110_000);
  assert.equal(ordinary.explanation.method, 'range');
  const need = err(computeFine({ matter: m100, circumstance: 'mitigated' }));
  assert.equal(need.code, 'proposal_required');
  assert.deepEqual(need.band, { min: 20_000, max: 109_999 });
  assert.equal(ok(computeFine({ matter: m100, circumstance: 'mitigated', proposedAmount: 50_000 })).amount, 50_000);
  assert.equal(err(computeFine({ matter: m100, circumstance: 'mitigated', proposedAmount: 110_000 })).code, 'proposal_out_of_band');
  assert.deepEqual(err(computeFine({ matter: m100, circumstance: 'aggravated' })).band, { min: 110_000, max: 200_000 });
  // Findings decide the class: mandatory mitigation beats the officer's "ordinary".
  const forced = err(computeFine({ matter: m100, circumstance: 'ordinary', mitigating: ['harmRemovedOrReduced'] }));
  assert.equal(forced.code, 'proposal_required');
  const both = ok(computeFine({ matter: m100, aggravating: ['badSocialImpact'], mitigating: ['coercedOrDeceived'], proposedAmount: 60_000 }));
  assert.equal(both.explanation.circumstance.applied, 'mitigated');
  assert.match(both.explanation.circumstance.note!, /APL 32/);
  assert.equal(err(computeFine({ matter: m100, aggravating: ['rudeness'] })).code, 'unknown_aggravating');
});

void test('per-instance, multiple-of-loss and fixed-range fallbacks', () => {
  assert.equal(ok(computeFine({ matter: matter('PRM-37'), instances: 3 })).amount, 37_500, '12,500 midpoint × 3');
  assert.equal(err(computeFine({ matter: matter('PRM-37'), instances: 0 })).code, 'bad_instances');
  assert.equal(ok(computeFine({ matter: matter('AIR-122-GENERAL'), base: 100_000 })).amount, 200_000, 'middle multiple 2 × loss');
  assert.equal(err(computeFine({ matter: matter('AIR-122-GENERAL') })).code, 'base_required');
  assert.equal(ok(computeFine({ matter: matter('WAT-94-GENERAL'), base: 1_000_000, circumstance: 'aggravated' })).amount, 200_000, 'a fixed 20 % has no band');
  assert.equal(ok(computeFine({ matter: matter('CET-22') })).amount, 1_250_000, 'no gain: the 500k–2M range');
  assert.equal(err(computeFine({ matter: matter('EPL-59') })).code, 'daily_fine');
  assert.equal(err(computeFine({ matter: matter('EPL-63') })).code, 'not_a_fine');
  const maxOnly: EnforcementMatter = { ...matter('AIR-100'), code: 'TEST-1', penalty: { kind: 'maximumOnly', max: 100_000 } };
  assert.equal(ok(computeFine({ matter: maxOnly })).amount, 50_000, 'GD art. 12(3): ordinary 50 %');
  assert.equal(ok(computeFine({ matter: maxOnly, circumstance: 'mitigated' })).amount, 20_000, 'mitigated 20 %');
});

void test('circumstances in weight mode: Σ weights × maximum stands for an aggravated case (GD art. 6); mitigated must fall below the midpoint', () => {
  // The warning period and the repeats are table factors: a W13 aggravation for the same fact must not add a midpoint floor on top.
  const warning = { ...workedFacts, period: level('heavyPollutionWarning') };
  const agg = ok(computeFine({ matter: AIR, table: AIR_99_2_TABLE, facts: warning, aggravating: ['heavyPollutionWarning'] }));
  assert.equal(agg.amount, 330_000, '10 + 3 + 8 + 10 + 2 = 33 %, not raised to the 550,000 midpoint');
  assert.ok(!agg.explanation.steps.some((s) => s.rule === 'aggravated_midpoint'));
  assert.equal(agg.explanation.circumstance.applied, 'aggravated');
  assert.match(agg.explanation.circumstance.note!, /GD art\. 6/);
  const repeats = { ...workedFacts, repeats: value(4) };
  assert.equal(ok(computeFine({ matter: AIR, table: AIR_99_2_TABLE, facts: repeats, aggravating: ['repeatedSameKind'] })).amount, 370_000, '10 + 3 + 8 + 2 + 14 = 37 %');
  assert.equal(ok(computeFine({ matter: AIR, table: AIR_99_2_TABLE, facts: workedFacts, aggravating: ['badSocialImpact'] })).amount, 230_000, 'the worked example still reproduces');
  assert.equal(ok(computeFine({ matter: AIR, table: AIR_99_2_TABLE, facts: workedFacts, mitigating: ['meritoriousHelp'] })).amount, 230_000, 'already below the midpoint');
  const heavy = { ...workedFacts, pollutantKind: level('aClass'), area: level('ecologicalSensitive') };
  assert.equal(err(computeFine({ matter: AIR, table: AIR_99_2_TABLE, facts: heavy, mitigating: ['meritoriousHelp'] })).code, 'proposal_required');
  assert.equal(ok(computeFine({ matter: AIR, table: AIR_99_2_TABLE, facts: heavy, mitigating: ['meritoriousHelp'], proposedAmount: 400_000 })).amount, 400_000);
});

void test('bad requests get typed errors', () => {
  assert.equal(err(computeFine({ matter: AIR })).code, 'table_required');
  assert.equal(err(computeFine({ matter: AIR, table: WAT_83_2_TABLE })).code, 'table_mismatch');
  assert.equal(err(computeFine({ matter: AIR, table: AIR_99_2_TABLE, facts: { colour: level('red') } })).code, 'unknown_factor');
  assert.equal(err(computeFine({ matter: AIR, table: AIR_99_2_TABLE, facts: { pollutantKind: level('C-class') } })).code, 'unknown_level');
  assert.equal(err(computeFine({ matter: AIR, table: AIR_99_2_TABLE, facts: { exceedanceMultiple: value(Number.NaN) } })).code, 'bad_value');
  assert.equal(err(computeFine({ matter: AIR, table: AIR_99_2_TABLE, facts: { exceedanceMultiple: level('below3') } })).code, 'bad_value');
});

void test('one act under several provisions: the heavier fine wins (GD art. 7(4))', () => {
  const results = [
    computeFine({ matter: AIR, table: AIR_99_2_TABLE, facts: { pollutantKind: level('vocs'), exceedanceMultiple: value(0.5) } }),
    computeFine({ matter: matter('PRM-34'), table: PRM_34_TABLE, facts: { pollutantKind: level('vocs'), exceedanceMultiple: value(0.5) } }),
    computeFine({ matter: AIR }),
  ];
  assert.equal(heaviestFine(results), 1, 'PRM 34 with its 20 % floor beats AIR 99(2) at 15 %');
  assert.equal(heaviestFine([results[2]!]), -1);
});

// ---- Properties -------------------------------------------------------------------------------------------

const tables: Array<[EnforcementMatter, DiscretionTable]> = [[AIR, AIR_99_2_TABLE], [matter('PRM-34'), PRM_34_TABLE], [matter('WAT-83-2'), WAT_83_2_TABLE]];

/** Random facts for a table: each factor unproven, or proven at a level / a value within its bands. */
function factsFor(t: DiscretionTable): fc.Arbitrary<Record<string, FactorFact>> {
  const entries = t.factors.map((f) => {
    const proven: fc.Arbitrary<FactorFact> = f.input === 'number'
      ? fc.double({ min: f.levels[0]!.from!, max: 100, noNaN: true }).map((v) => ({ proven: true, value: v }))
      : fc.subarray(f.levels.map((l) => l.key), { minLength: 1 }).map((levels) => ({ proven: true, levels }));
    return fc.option(proven, { nil: undefined }).map((fact) => [f.key, fact] as const);
  });
  return fc.tuple(...entries).map((es) => Object.fromEntries(es.filter(([, f]) => f !== undefined)) as Record<string, FactorFact>);
}

const apologyArb = fc.option(fc.record({
  correctedBeforeDecision: fc.boolean(), apologisedPublicly: fc.boolean(), pledged: fc.boolean(),
  reductionPercent: fc.integer({ min: 30, max: 50 }), bars: fc.subarray(['suspectedCrime', 'continuedAfterOrder']),
}), { nil: undefined });

void test('property: every computed fine is a whole number of yuan within the statutory range', () => {
  const arb = fc.constantFrom(...tables).chain(([m, t]) => fc.record({
    pair: fc.constant([m, t] as const), facts: factsFor(t), apology: apologyArb,
    aggravating: fc.subarray(['repeatedSameKind', 'heavyPollutionWarning', 'emergencyMeasures']),
  }));
  fc.assert(fc.property(arb, ({ pair: [m, t], facts, apology, aggravating }) => {
    const r = ok(computeFine({ matter: m, table: t, facts, apology, aggravating }));
    const p = m.penalty;
    assert.ok(p.kind === 'range');
    assert.ok(Number.isInteger(r.amount));
    assert.ok(r.amount >= p.min && r.amount <= p.max, `${r.amount} outside ${p.min}–${p.max}`);
  }), { numRuns: 400 });
});

void test('property: proving a heavier level of a factor never lowers the amount', () => {
  const arb = fc.constantFrom(...tables).chain(([m, t]) => fc.record({
    pair: fc.constant([m, t] as const), facts: factsFor(t), factor: fc.integer({ min: 0, max: t.factors.length - 1 }),
    pick: fc.nat(), apology: apologyArb, aggravating: fc.subarray(['repeatedSameKind', 'badSocialImpact']),
  }));
  fc.assert(fc.property(arb, ({ pair: [m, t], facts, factor, pick, apology, aggravating }) => {
    const before = ok(computeFine({ matter: m, table: t, facts, apology, aggravating }));
    const f = t.factors[factor]!;
    const current = before.explanation.factors[factor]!;
    const heavier = f.levels.filter((l) => l.weight >= current.weight);
    const chosen = heavier[pick % heavier.length]!;
    const fact: FactorFact = f.input === 'number' ? { proven: true, value: chosen.from! } : { proven: true, levels: [chosen.key] };
    const after = ok(computeFine({ matter: m, table: t, facts: { ...facts, [f.key]: fact }, apology, aggravating }));
    assert.ok(after.amount >= before.amount, `${f.key} → ${chosen.key}: ${before.amount} → ${after.amount}`);
    // And adding an aggravating case never lowers it either.
    const more = ok(computeFine({ matter: m, table: t, facts, apology, aggravating: [...aggravating, 'crossCityPollution'] }));
    assert.ok(more.amount >= before.amount);
  }), { numRuns: 400 });
});

void test('the weights step cites each source once, without nested brackets', () => {
  assert.equal(joinSources('GD art. 6', '[GD art. 6; GD-A1]'), 'GD art. 6; GD-A1');
  assert.equal(joinSources('GD art. 6', '[GD art. 6; GD-A1] PRM 34 floor 20 %'), 'GD art. 6; GD-A1 PRM 34 floor 20 %');
  const steps = ok(computeFine({ matter: AIR, table: AIR_99_2_TABLE, facts: workedFacts })).explanation.steps;
  assert.equal(steps.find((x) => x.rule === 'weights')?.source, 'GD art. 6; GD-A1');
});
