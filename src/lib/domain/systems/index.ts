export * from './continuity';
export * from './data-quality';
export * from './outage-view';
export * from './outage';
export * from './review';
export * from './system-form';
export * from './system-query';
export * from './system';
