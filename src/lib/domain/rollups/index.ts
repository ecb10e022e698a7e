export * from './rollup-tables';
export * from './plan-tables';
export * from './outage-tables';
export * from './rollup';
export * from './rollup-download';
export * from './run-cost';
