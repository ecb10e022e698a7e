export * from './password';
export * from './user-form';
