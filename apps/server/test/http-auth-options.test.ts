// GET /api/auth/options on both dialects (issue 14): public, and it says the server is the demo only when the
// demo started it (HttpDeps.demo, set by `ecoenforce demo` alone); `serve` builds the app without it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../src/http/app.ts';
import { DIALECTS } from './store-fixtures.ts';
import { call, startHttpRig, type HttpRig } from './http-fixtures.ts';

for (const dialect of DIALECTS) {
  void describe(`login options on ${dialect}`, () => {
    let rig: HttpRig;
    before(async () => {
      rig = await startHttpRig(dialect);
    });
    after(() => rig.close());

    void test('a server that is not the demo says so, to anyone', async () => {
      const res = await call(rig.app, null, 'GET', '/api/auth/options');
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { demo: false });
    });

    void test('the demo says it is the demo', async () => {
      const demo = await buildApp({ database: rig.store.database, now: () => rig.clock.now, activity: rig.activity, live: rig.live, webDist: null, secureCookies: false, demo: true });
      try {
        const res = await call(demo, null, 'GET', '/api/auth/options');
        assert.deepEqual(res.json(), { demo: true });
      } finally {
        await demo.close();
      }
    });
  });
}
