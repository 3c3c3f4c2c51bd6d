// A plain-number snapshot of the gateway metrics, for the live terminal view and the benchmarks.
import type { Counter, Gauge, Histogram } from 'prom-client';
import type { GatewayMetrics } from './metrics.ts';

export interface GatewaySnapshot {
  connections: number;
  accepted: number;
  rejected: number;
  rejectedByReason: Record<string, number>;
  acks: number;
  bytes: number;
  commits: number;
  commitFrames: number;
  sinkErrors: number;
  timeCalibrations: number;
}

async function total(metric: Counter<string> | Gauge<string>): Promise<number> {
  const { values } = await metric.get();
  return values.reduce((sum, v) => sum + v.value, 0);
}

async function byLabel(metric: Counter<string>, label: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const v of (await metric.get()).values) {
    const key = String(v.labels[label] ?? '');
    out[key] = (out[key] ?? 0) + v.value;
  }
  return out;
}

async function histogramCountSum(h: Histogram<string>): Promise<{ count: number; sum: number }> {
  const { values } = await h.get();
  let count = 0;
  let sum = 0;
  for (const v of values) {
    if (v.metricName?.endsWith('_count') === true) count += v.value;
    if (v.metricName?.endsWith('_sum') === true) sum += v.value;
  }
  return { count, sum };
}

export async function snapshot(m: GatewayMetrics): Promise<GatewaySnapshot> {
  const rejectedByReason = await byLabel(m.framesRejected, 'reason');
  const batches = await histogramCountSum(m.commitBatchSize);
  return {
    connections: await total(m.connections),
    accepted: await total(m.framesAccepted),
    rejected: Object.values(rejectedByReason).reduce((a, b) => a + b, 0),
    rejectedByReason,
    acks: await total(m.acksSent),
    bytes: await total(m.bytesReceived),
    commits: batches.count,
    commitFrames: batches.sum,
    sinkErrors: await total(m.sinkErrors),
    timeCalibrations: await total(m.timeCalibrations),
  };
}

/** One line of the live view: what changed since the previous snapshot. */
export function liveLine(prev: GatewaySnapshot, cur: GatewaySnapshot, seconds: number, extra = ''): string {
  const rate = (cur.accepted - prev.accepted) / Math.max(seconds, 1e-9);
  const commits = cur.commits - prev.commits;
  const avgBatch = commits > 0 ? (cur.commitFrames - prev.commitFrames) / commits : 0;
  const reasons = Object.entries(cur.rejectedByReason)
    .filter(([, n]) => n > 0)
    .map(([r, n]) => `${r}=${n}`)
    .join(' ');
  return [
    `conn ${cur.connections}`,
    `frames/s ${rate.toFixed(0)}`,
    `stored ${cur.accepted}`,
    `acks ${cur.acks}`,
    `batch ${avgBatch.toFixed(1)}`,
    `rejects ${cur.rejected}${reasons ? ` (${reasons})` : ''}`,
    `1012 ${cur.timeCalibrations}`,
    extra,
  ]
    .filter((s) => s !== '')
    .join(' | ');
}
