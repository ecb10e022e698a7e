export * from './rollup-tables';
export * from './rollup';
export * from './rollup-download';
