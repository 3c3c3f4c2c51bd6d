// The hour planner's thread (hour-planner.ts): reads a batch's inputs on its own SQLite connection — WAL
// lets it read while the main thread writes — and computes the values and findings, so the thread that
// acknowledges frames spends its time on the writes alone.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../platform/db/connect.ts';
import { planHours, type HourPair } from '../close-batch.ts';

const port = parentPort!;
const database = await openDatabase((workerData as { url: string }).url);
port.on('message', (msg: { id: number; pairs: HourPair[]; detectors: boolean } | 'stop') => {
  if (msg === 'stop') {
    void database.close().finally(() => port.close());
    return;
  }
  planHours(database.db, msg.pairs, msg.detectors).then(
    (plans) => port.postMessage({ id: msg.id, plans }),
    (err: unknown) => port.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
port.postMessage({ ready: true });
