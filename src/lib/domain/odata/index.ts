export * from './model';
export * from './filter';
export * from './query';
export * from './csdl';
export * from './scopes';
