export * from './report-diff';
export * from './report-form';
export * from './report-lines';
export * from './report-milestones';
export * from './report-public';
export * from './report-unsaved';
export * from './report';
export * from './report-draft';
