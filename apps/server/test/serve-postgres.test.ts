// `ecoenforce serve --db postgres://…` runs the whole platform on PostgreSQL: a logger's frame is stored and
// acknowledged, and the API (login, points, latest values, the raw frame) answers from the same database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createUser } from '../src/accounts/users.ts';
import { freshStore } from './store-fixtures.ts';
import { PW, TestLogger, benchMn, eventually, exited, minuteFrame, qnOf, serveChild } from './gateway-fixtures.ts';
import { seedBenchPoints } from '../src/seed/demo-province.ts';

void test('serve on PostgreSQL: gateway and API share the store', async () => {
  const store = await freshStore('postgres');
  await seedBenchPoints(store.database, 2);
  await createUser(store.database.db, { username: 'pgadmin', password: 'a-long-password-1', role: 'admin', regionCode: '440000' });
  const server = await serveChild(store.url, 0, ['--metrics-port=-1']);
  const logger = await TestLogger.open(server.port);
  try {
    assert.ok(server.http !== null);
    const frame = minuteFrame(benchMn(1), 0, { so2: 42.5 });
    logger.send(frame);
    await eventually(() => logger.repliesFor(qnOf(frame)) === 1, 'the 9014 for the frame');
    assert.equal(PW, '123456');

    const login = await fetch(`${server.http}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'pgadmin', password: 'a-long-password-1' }) });
    assert.equal(login.status, 200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const points = (await (await fetch(`${server.http}/api/points?q=${benchMn(1)}`, { headers: { cookie } })).json()) as { items: Array<{ id: number; mn: string; lastFrameAt: number | null }> };
    assert.equal(points.items.length, 1);
    assert.ok(points.items[0]!.lastFrameAt !== null, 'the gateway told the API about the frame');
    const point = (await (await fetch(`${server.http}/api/points/${points.items[0]!.id}`, { headers: { cookie } })).json()) as { latest: { values: Record<string, { avg: number }>; frameId: number } };
    assert.equal(point.latest.values.a21026?.avg, 42.5);
    const raw = (await (await fetch(`${server.http}/api/frames/${point.latest.frameId}`, { headers: { cookie } })).json()) as { hex: string };
    assert.equal(raw.hex, frame.toString('hex'), 'the evidence is the bytes the logger sent');
  } finally {
    logger.close();
    server.child.kill('SIGTERM');
    await exited(server.child);
    await store.dispose();
  }
});
