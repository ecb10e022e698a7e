/**
 * The governance forms' parsers: what was typed in, checked field by field, errors keyed by the
 * field's name (the error summary links to it). Pure: the services check what needs the database
 * (authors against testers, a meeting's partners, RTOs at the time of a test). One module per form.
 */
export { date as parseDateField } from './form-fields';
export * from './objective-form';
export * from './document-form';
export * from './test-form';
export * from './meeting-form';
