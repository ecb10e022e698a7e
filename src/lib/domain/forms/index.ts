export * from './form-conflict';
export * from './form-text';
