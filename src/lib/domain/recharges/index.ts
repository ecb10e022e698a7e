export * from './split';
export * from './keys';
export * from './allocate';
export * from './cost-centres';
export * from './key-form';
export * from './summary';
export * from './statements';
export * from './statement-table';
