export * from './form-conflict';
export * from './form-text';
export * from './form-failure';
