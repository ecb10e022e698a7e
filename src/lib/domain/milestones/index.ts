export * from './milestone-view';
export * from './milestone';
export * from './milestone-form';
export * from './timeline-plan';
export * from './timeline-range';
