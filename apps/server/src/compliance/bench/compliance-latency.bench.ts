// Warning latency after a period closes (issue 4 §6: "visible in the console within 5 s of the closing of
// the period that proves it"; §9). The real server (startServer: gateway, API, live hub, compliance
// runner) on SQLite over P bench points with a stored hour of minutes each; an admin's browser-like client
// holds the console's event stream (GET /api/live). The platform clock then reaches the hour's end plus the
// grace, the runner's tick starts (the hour was planned ahead at half the grace, as a running server's
// once-a-second tick does), and we time each `warning` event's arrival from that tick, and how long
// the last one then takes to read through GET /api/warnings/:id (it is committed before its event). With a province of points the last
// warning waits for the whole hour's close, so its latency is the province figure.
//   node --import tsx apps/server/src/compliance/bench/compliance-latency.bench.ts [--points N]
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_GATEWAY_OPTIONS } from '../../monitoring/gateway/context.ts';
import { openMigrated, startServer } from '../../container.ts';
import { createFrameSink } from '../../monitoring/repositories/frame-sink.ts';
import { DEMO_PASSWORD, seedDemoUsers } from '../../seed/demo-users.ts';
import { benchFrame, seedBenchProvince } from './bench-data.ts';
import { HOUR } from '../compliance.ts';

const { values } = parseArgs({ options: { points: { type: 'string' } } });
const POINTS = Number(values.points ?? 2000);
const H0 = Date.UTC(2026, 10, 28, 2);
const GRACE = 2 * 60_000;

const dir = mkdtempSync(join(tmpdir(), 'ecoenforce-lbench-'));
const url = `sqlite:${join(dir, 'l.db')}`;
const database = await openMigrated(url);
const clock = { now: H0 + HOUR };
const points = await seedBenchProvince(database, POINTS, H0 + 365 * 24 * HOUR);
await seedDemoUsers(database);
const sink = createFrameSink(database);
for (let m = 0; m < 60; m++) for (let i = 0; i < points.length; i += 500) await sink.write(points.slice(i, i + 500).map((p) => benchFrame(p, H0 + m * 60_000)), []);
const server = await startServer(
  { db: url, gateway: { ...DEFAULT_GATEWAY_OPTIONS, host: '127.0.0.1', port: 0 }, metricsHost: '127.0.0.1', metricsPort: -1, httpHost: '127.0.0.1', httpPort: 0, secureCookies: false, trustProxy: false },
  database,
  { now: () => clock.now, webDist: null },
);
try {
  const base = server.httpUrl!;
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }) });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  // The worker that plans batches starts with the first large tick; a running server started it hours ago.
  for (const p of points) server.compliance.reclose(p.id, H0 - HOUR, H0);
  clock.now = H0 + GRACE;
  await server.compliance.tick();

  const arrivals: Array<{ id: number; ms: number }> = [];
  let t0 = 0;
  await new Promise<void>((resolve, reject) => {
    const req = request(`${base}/api/live`, { headers: { cookie, accept: 'text/event-stream' } }, (res) => {
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let end;
        while ((end = buf.indexOf('\n\n')) >= 0) {
          const event = buf.slice(0, end);
          buf = buf.slice(end + 2);
          const data = /^data: (.*)$/m.exec(event)?.[1];
          if (event.startsWith('event: warning') && data !== undefined) arrivals.push({ id: (JSON.parse(data) as { id: number }).id, ms: performance.now() - t0 });
        }
      });
      resolve();
    });
    req.on('error', reject);
    req.end();
  });
  // Minutes stored for every point's hour make it due, as the gateway's commits do. At half the grace the
  // runner's tick plans the hour ahead (reads and computes); at the grace's end it closes (writes).
  for (const p of points) server.compliance.reclose(p.id, H0, H0 + HOUR);
  clock.now = H0 + HOUR + GRACE / 2;
  const ta = performance.now();
  await server.compliance.tick();
  const aheadMs = performance.now() - ta;
  // The plans held between planning ahead and the close live in this process's memory.
  const rssMiB = Math.round(process.memoryUsage().rss / 2 ** 20);
  clock.now = H0 + HOUR + GRACE;
  t0 = performance.now();
  await server.compliance.tick();
  const closedMs = performance.now() - t0;
  // The last events are on their way through the socket.
  await new Promise((r) => setTimeout(r, 300));
  const last = arrivals.at(-1);
  let apiMs = null;
  if (last !== undefined) {
    const t1 = performance.now();
    const res = await fetch(`${base}/api/warnings/${last.id}`, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`GET /api/warnings/${last.id}: ${res.status}`);
    apiMs = performance.now() - t1;
  }
  const sorted = arrivals.map((a) => a.ms).sort((a, b) => a - b);
  console.log(JSON.stringify({
    part: 'warning-latency', points: POINTS, events: arrivals.length, planAheadMs: Math.round(aheadMs), rssAfterPlanAheadMiB: rssMiB, tickMs: Math.round(closedMs),
    firstMs: Math.round(sorted[0] ?? NaN), medianMs: Math.round(sorted[Math.floor(sorted.length / 2)] ?? NaN), lastMs: Math.round(sorted.at(-1) ?? NaN), apiReadMs: apiMs === null ? null : Math.round(apiMs),
  }));
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
