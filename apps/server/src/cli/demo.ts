// `ecoenforce demo` (what `npm start` runs): a demo province in SQLite, the gateway on 127.0.0.1:9212 and
// one simulated data logger per monitoring point streaming to it over real TCP, with a live terminal line.
// The demo world runs on one accelerated clock (default 60×: a simulated hour per real minute) shared by
// the simulator and the gateway, so receive times and the clock-drift check agree with the loggers' QN.
// Enterprises whose meters the seed put on the electricity-monitoring feed get a simulated feed platform
// instead, pushing JSON to POST /api/meter-feed with an API token (simulator/meter-feed.ts).
import { ConfigError, loadConfig, serverFlagsHelp } from '../config.ts';
import { openMigrated, startServer } from '../container.ts';
import { enterprisesRepository } from '../registry/index.ts';
import { framesRepository, pointsRepository, meterFeedRepository, snapshot, liveLine } from '../monitoring/index.ts';
import { issueDemoFeedToken } from '../seed/demo-meters.ts';
import { startMeterFeed, type MeterFeedHandle } from '../simulator/meter-feed.ts';
import { DEMO_PASSWORD, seedDemoUsers } from '../seed/demo-users.ts';
import { seedDemoProvince } from '../seed/demo-province.ts';
import { SCENARIOS, devicesFromPoints, parseScenarios, startSimulator } from '../simulator/index.ts';

const DEMO_SCENARIOS = SCENARIOS.filter((s) => s !== 'load');

const demoFlags = {
  speed: { type: 'string' },
  scenario: { type: 'string' },
  enterprises: { type: 'string' },
  duration: { type: 'string' },
} as const;

const USAGE = `usage: ecoenforce demo [options]

Seeds a demo province into the database if it has no enterprises, starts the gateway and one simulated
logger per monitoring point, and prints a live line each second. Ctrl-C stops cleanly.

${serverFlagsHelp}
  --speed X            simulated seconds per real second (default 60: one hour per minute)
  --scenario LIST      comma-separated; default ${DEMO_SCENARIOS.join(',')}; 'none' for plain data
  --enterprises N      enterprises to seed into an empty database (default 60)
  --duration S         stop after S seconds (default: until Ctrl-C)`;

const beijing = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

function positive(name: string, text: string | boolean | undefined, fallback: number): number {
  if (typeof text !== 'string') return fallback;
  const v = Number(text);
  if (!Number.isFinite(v) || v <= 0) throw new ConfigError(`--${name} must be a positive number, got '${text}'`);
  return v;
}

export async function run(argv: string[]): Promise<number> {
  let parsed;
  let speed: number;
  let scenarios: string[];
  let enterprises: number;
  let duration: number | undefined;
  try {
    parsed = loadConfig(argv, process.env, demoFlags);
    speed = positive('speed', parsed.values.speed, 60);
    const sc = parsed.values.scenario;
    scenarios = sc === 'none' ? [] : parseScenarios(typeof sc === 'string' ? [sc] : DEMO_SCENARIOS);
    enterprises = Math.floor(positive('enterprises', parsed.values.enterprises, 60));
    duration = typeof parsed.values.duration === 'string' ? positive('duration', parsed.values.duration, 1) : undefined;
  } catch (err) {
    console.error(`ecoenforce demo: ${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help === true) {
    console.log(USAGE);
    return 0;
  }
  const { config } = parsed;

  const database = await openMigrated(config.db);
  if ((await enterprisesRepository(database.db).count()) === 0) {
    // Registered as the demo first starts: its loggers report from now on, and the monthly notification owes
    // minutes from registration, not from the 1st.
    const seeded = await seedDemoProvince(database, { enterprises, registeredAt: Math.floor(Date.now() / 60_000) * 60_000 });
    console.log(`seeded demo province: ${seeded.regions} regions, ${seeded.enterprises} enterprises, ${seeded.points} monitoring points`);
  }
  const demoUsers = await seedDemoUsers(database);
  const points = await pointsRepository(database.db).listActive();
  // Points only the feed reports get no HJ 212 logger; their meters are pushed by the feed client below.
  const feeds = meterFeedRepository(database.db);
  const feedOnly = await feeds.feedOnlyPointIds();
  const fedMeters = await feeds.fedMeters();
  const devices = devicesFromPoints(points.filter((p) => !feedOnly.has(p.id)));

  // One simulated clock for both sides. A second run resumes after the data already stored, so it never
  // replays DataTimes the first run sent.
  const realStart = Date.now();
  const latest = await framesRepository(database.db).latestTime();
  const simStart = Math.max(realStart, latest === null ? 0 : Math.ceil((latest + 1) / 60_000) * 60_000);
  const simNow = (): number => simStart + (Date.now() - realStart) * speed;

  let server;
  try {
    server = await startServer(config, database, { now: simNow, clockRate: speed, demo: true });
  } catch (err) {
    await database.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      console.error(`ecoenforce demo: port in use (${(err as Error).message}); stop the other instance or pass --port / --metrics-port / --http-port`);
      return 1;
    }
    throw err;
  }
  const { gateway } = server;
  const tty = process.stdout.isTTY;
  let stopping = false;
  const print = (line: string): void => {
    if (!stopping) console.log(tty ? `\r\x1b[K${line}` : line);
  };
  console.log(
    [
      `EcoEnforce demo — ${config.db}`,
      `  ${points.length} monitoring points, ${devices.filter((d) => d.kind === 'air').length} flue gas and ${devices.filter((d) => d.kind === 'water').length} wastewater`,
      `  gateway   ${config.gateway.host}:${gateway.port}`,
      `  metrics   ${server.metricsUrl ?? 'off'}`,
      `  console   ${server.httpUrl === null ? 'off' : server.httpUrl.replace('127.0.0.1', 'localhost')}  (API docs: /api/docs)`,
      `  logins    password '${DEMO_PASSWORD}' for each of:`,
      ...demoUsers.map((u) => `              ${u.username.padEnd(11)}${u.role.padEnd(14)}${u.regionName} ${u.regionCode}`),
      `  clock     ${speed}× from ${beijing(simStart)} (Beijing)`,
      `  meters    ${fedMeters.length} on the meter feed (POST /api/meter-feed${server.httpUrl === null ? ': off without --http-port' : ''}), the others on HJ 212 meter loggers`,
      'Ctrl-C stops.',
    ].join('\n'),
  );

  const sim = startSimulator({
    devices, host: '127.0.0.1', port: gateway.port, speed, start: simStart, scenarios, hostClock: 'simulated', log: print,
  });

  let feed: MeterFeedHandle | null = null;
  if (fedMeters.length > 0 && server.httpUrl !== null) {
    const admin = await database.db.selectFrom('users').select(['id', 'region_code']).where('role', '=', 'admin').orderBy('id').executeTakeFirstOrThrow();
    feed = startMeterFeed({
      url: server.httpUrl, token: await issueDemoFeedToken(database.db, Number(admin.id), admin.region_code),
      meters: fedMeters.map((m) => ({ feedId: m.feedId, code: m.factor, group: String(m.enterpriseId) })), speed, start: simStart, scenarios, log: print,
    });
  }

  let prev = await snapshot(gateway.metrics);
  let prevAt = performance.now();
  const tick = setInterval(() => {
    void snapshot(gateway.metrics).then((cur) => {
      const at = performance.now();
      const s = sim.stats();
      const line = liveLine(prev, cur, (at - prevAt) / 1000, `sim ${beijing(simNow())} | unacked ${s.unacked}`);
      prev = cur;
      prevAt = at;
      if (stopping) return;
      if (tty) process.stdout.write(`\r\x1b[K${line}`);
      else console.log(line);
    }, (err: unknown) => console.error(`demo: live line: ${String(err)}`));
  }, 1000);

  await new Promise<void>((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      if (timer !== null) clearTimeout(timer);
      // A second Ctrl-C while stopping exits at once.
      process.once('SIGINT', () => process.exit(130));
      resolve();
    };
    const timer = duration === undefined ? null : setTimeout(done, duration * 1000);
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });

  stopping = true;
  clearInterval(tick);
  if (tty) process.stdout.write('\n');
  // The feed's last batch while the API still answers; then the gateway, which commits and answers what it
  // received; then the loggers hang up.
  await feed?.stop();
  await server.stop();
  await sim.stop();
  const end = await snapshot(gateway.metrics);
  const s = sim.stats();
  console.log(
    JSON.stringify({
      event: 'stopped', stored: end.accepted, rejected: end.rejectedByReason, acks: end.acks,
      simulator: { sent: s.sent, acked: s.acked, retransmitted: s.retransmitted, unacked: s.unacked }, simulatedUntil: beijing(simNow()),
      ...(feed === null ? {} : { meterFeed: feed.stats() }),
    }),
  );
  return 0;
}
