// The registry's surface: regions, enterprises, outlets, permits and their limits, registry imports and
// the permit-edit re-close window.
export { RECLOSE_WINDOW_MS } from './permit-edit.ts';
export { REGISTRY_KINDS, describeColumns } from './registry-columns.ts';
export type { RegistryKind } from './registry-columns.ts';
export { importRegistry } from './registry-import.ts';
export { enterprisesRepository } from './repositories/enterprises.ts';
export { outletsRepository } from './repositories/outlets.ts';
export { permitsRepository } from './repositories/permits.ts';
export type { NewPermitLimit, OutletLimit, SpecialPeriod } from './repositories/permits.ts';
export { regionsRepository } from './repositories/regions.ts';
export type { Region } from './repositories/regions.ts';
