// Monitoring's surface: the HJ 212 gateway, the durable sink and the stored frames and readings, the
// points' registry and activity, the meter feed's store, live events and the point summaries.
export { PointActivity } from './activity.ts';
export { DEFAULT_GATEWAY_OPTIONS } from './gateway/context.ts';
export type { GatewayOptions } from './gateway/context.ts';
export { startGateway } from './gateway/gateway.ts';
export type { Gateway } from './gateway/gateway.ts';
export { serveMetrics } from './gateway/metrics.ts';
export type { AcceptedFrame, PeriodKind } from './gateway/sink.ts';
export { liveLine, snapshot } from './gateway/snapshot.ts';
export { LiveHub } from './live.ts';
export { devicesRepository } from './repositories/devices.ts';
export type { Device, NewDevice } from './repositories/devices.ts';
export { createFrameSink } from './repositories/frame-sink.ts';
export { framesRepository } from './repositories/frames.ts';
export { meterFeedRepository } from './repositories/meter-feed.ts';
export { loadRegistry, pointsRepository } from './repositories/points.ts';
export type { NewPoint } from './repositories/points.ts';
export { decodeFactors } from './repositories/readings-codec.ts';
export type { StoredFactor } from './repositories/readings-codec.ts';
export { readingsRepository } from './repositories/readings.ts';
export type { PeriodReadings } from './repositories/readings.ts';
export { pointSummaries } from './point-summary.ts';
export { driftPolicyFor } from './gateway/classify.ts';
