export * from './organisation';
export * from './system';
export * from './workstream';
export * from './review';
export * from './auth';
export * from './audit';
export * from './import';
