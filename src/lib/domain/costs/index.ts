export * from './cost-form';
export * from './cost-summary';
export * from './cost';
export * from './funding-form';
