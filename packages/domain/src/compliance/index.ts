export * from './types.ts';
export * from './aggregate.ts';
export * from './exceedance.ts';
export * from './standards.ts';
