export * from './duration';
export * from './quorum';
export * from './recovery';
export * from './documents';
export * from './scrutiny';
