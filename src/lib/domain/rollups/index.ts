export * from './rollup-tables';
export * from './rollup';
