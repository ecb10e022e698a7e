export * from './report-charts';
export * from './timeline-measures';
export * from './timeline';
