// The device simulator: virtual HJ 212 data loggers over TCP (DESIGN.md §6, ingest/ simulator client).
export { startSimulator } from './simulator.ts';
export type { SimulatorHandle, SimulatorOptions } from './simulator.ts';
export { demoDevices, deviceSpecProblem } from './device.ts';
export { devicesFromPoints } from './from-points.ts';
export type { SimulatedPoint } from './from-points.ts';
export type { DeviceSpec } from './device.ts';
export { SCENARIOS, parseScenarios } from './scenarios.ts';
export type { ScenarioName } from './scenarios.ts';
export type { SimulatorStats } from './stats.ts';
