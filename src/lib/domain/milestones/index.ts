export * from './milestone-view';
export * from './milestone';
export * from './timeline-plan';
