export * from './settings';
export * from './claims';
