/**
 * The service document and the CSDL $metadata document (OData v4.0 CSDL XML), made from the
 * set definitions, listing only the sets the caller may read. Power BI types every column from it.
 */
import type { EntitySetDefinition } from './model';

export const NAMESPACE = 'Portfolio';

function xml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}

function entityType(set: EntitySetDefinition): string {
	const keys = set.key.map((k) => `<PropertyRef Name="${xml(k)}"/>`).join('');
	const properties = set.properties
		.map((p) => {
			const decimal = p.type === 'Edm.Decimal' ? ' Precision="19" Scale="2"' : '';
			return `<Property Name="${xml(p.name)}" Type="${p.type}" Nullable="${p.nullable}"${decimal}/>`;
		})
		.join('');
	return `<EntityType Name="${xml(set.typeName)}"><Key>${keys}</Key>${properties}</EntityType>`;
}

/** The $metadata document for `sets`. */
export function metadataXml(sets: readonly EntitySetDefinition[]): string {
	const types = sets.map(entityType).join('');
	const container = sets
		.map(
			(s) =>
				`<EntitySet Name="${xml(s.name)}" EntityType="${NAMESPACE}.${xml(s.typeName)}">` +
				`<Annotation Term="Org.OData.Core.V1.Description" String="${xml(s.description)}"/></EntitySet>`
		)
		.join('');
	return (
		'<?xml version="1.0" encoding="utf-8"?>' +
		'<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0">' +
		'<edmx:Reference Uri="https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml">' +
		'<edmx:Include Namespace="Org.OData.Core.V1"/></edmx:Reference>' +
		`<edmx:DataServices><Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="${NAMESPACE}">` +
		`${types}<EntityContainer Name="Container">${container}</EntityContainer>` +
		'</Schema></edmx:DataServices></edmx:Edmx>'
	);
}

/** The service document: every readable set, by URL relative to the service root. */
export function serviceDocument(serviceRoot: string, sets: readonly EntitySetDefinition[]) {
	return {
		'@odata.context': `${serviceRoot}$metadata`,
		value: sets.map((s) => ({ name: s.name, kind: 'EntitySet', url: s.name }))
	};
}
