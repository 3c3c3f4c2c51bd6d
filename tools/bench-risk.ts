// How well the violation-risk score ranks (issue 4 §6b: "on the simulator's scenarios, the units with
// injected problems rank above the clean ones; report the ranking quality"). A small province (the demo
// registry, its permits and instruments) runs for a few simulated days through the simulator's value model
// and scenario plans, the frame sink, the hour and day closings and the detectors, then every unit is
// scored. Prints each problem unit's rank, the units that outrank some problem unit without having one,
// and precision at k (k = the number of problem units); the last line is one JSON object.
//   node --import tsx tools/bench-risk.ts [--enterprises 30] [--days 3] [--every 3]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { RiskContribution } from '@ecoenforce/domain';
import { openMigrated } from '../apps/server/src/container.ts';
import { runRiskScenario } from '../apps/server/src/risk/bench/risk-scenario.ts';

const { values } = parseArgs({ options: { enterprises: { type: 'string' }, days: { type: 'string' }, every: { type: 'string' } } });
const ENTERPRISES = Number(values.enterprises ?? 30);
const DAYS = Number(values.days ?? 3);
const EVERY = Number(values.every ?? 3);
// A Beijing midnight, so the days are whole Beijing days.
const START = Date.UTC(2026, 10, 22, 16);

const dir = mkdtempSync(join(tmpdir(), 'ecoenforce-risk-'));
const database = await openMigrated(`sqlite:${join(dir, 'risk.db')}`);
try {
  const t0 = performance.now();
  const r = await runRiskScenario(database, {
    enterprises: ENTERPRISES, days: DAYS, every: EVERY, start: START,
    progress: (day, info) => console.error(`day ${day}: ${info.frames} frames stored, ${info.closedHours} point-hours closed (${Math.round((performance.now() - t0) / 1000)} s)`),
  });
  const seconds = (performance.now() - t0) / 1000;
  // What drives each unit's score: the non-static contributions, largest first.
  const rows = await database.db.selectFrom('risk_scores').select(['enterprise_id', 'contributions']).execute();
  const drivers = new Map(rows.map((row) => [Number(row.enterprise_id), (JSON.parse(row.contributions) as RiskContribution[])
    .filter((c) => c.points > 0 && c.factor !== 'category' && c.factor !== 'industry')
    .sort((a, b) => b.points - a.points)
    .map((c) => `${c.factor} ${c.points}${Object.keys(c.detail).length > 0 && (c.factor === 'dataQuality' || c.factor === 'fraud') ? ` ${JSON.stringify(c.detail)}` : ''}`)
    .join('; ')]));
  const lastProblem = Math.max(...r.ranking.filter((u) => u.problem !== null).map((u) => u.rank));
  console.log(`== risk ranking: ${ENTERPRISES} enterprises, ${DAYS} simulated days, ${r.k} with an injected problem (${r.frames} frames, ${r.closedHours} point-hours closed, ${seconds.toFixed(0)} s) ==`);
  console.log('rank  score  tier    problem     drivers');
  for (const u of r.ranking.filter((x) => x.rank <= lastProblem)) {
    console.log(`${String(u.rank).padStart(4)}  ${u.score.toFixed(1).padStart(5)}  ${u.tier.padEnd(6)}  ${(u.problem ?? '-').padEnd(10)}  ${drivers.get(u.enterpriseId) || '(static points only)'}`);
  }
  console.log(`precision at k=${r.k}: ${r.precisionAtK.toFixed(2)}`);
  console.log(JSON.stringify({
    part: 'risk', enterprises: ENTERPRISES, days: DAYS, k: r.k, precisionAtK: Number(r.precisionAtK.toFixed(3)), seconds: Number(seconds.toFixed(1)),
    problemRanks: r.ranking.filter((u) => u.problem !== null).map((u) => ({ rank: u.rank, problem: u.problem, score: u.score, tier: u.tier })),
  }));
} finally {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}
