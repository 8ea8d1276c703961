import { boolean, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { organisations } from '../../core/access/schema';

export const provinces = pgTable('provinces', {
  nis: text('nis').primaryKey(),
  name: text('name').notNull(),
});

export const referenceRegions = pgTable('reference_regions', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
});

/** The 18 regional networks: the 15 reference regions plus Antwerpen, Gent and Brussel. */
export const networks = pgTable('networks', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  referenceRegionCode: text('reference_region_code').references(() => referenceRegions.code),
});

export const municipalities = pgTable(
  'municipalities',
  {
    nis: text('nis').primaryKey(),
    name: text('name').notNull(),
    region: text('region').notNull(),
    provinceNis: text('province_nis').references(() => provinces.nis),
    referenceRegionCode: text('reference_region_code').references(() => referenceRegions.code),
    networkCode: text('network_code')
      .notNull()
      .references(() => networks.code),
    supportAgency: text('support_agency').notNull(),
    deRand: boolean('de_rand').notNull().default(false),
    /** The regisseur: the municipality's local government, or the VGC in Brussels. */
    regisseurOrganisationId: uuid('regisseur_organisation_id').references(() => organisations.id),
  },
  (t) => [
    index('municipalities_network_idx').on(t.networkCode),
    index('municipalities_refreg_idx').on(t.referenceRegionCode),
  ],
);

/** Which municipalities an organisation covers (VGC, De Rand, partnerships, networks). */
export const organisationMunicipalities = pgTable(
  'organisation_municipalities',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    municipalityNis: text('municipality_nis')
      .notNull()
      .references(() => municipalities.nis),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.municipalityNis] }),
    index('org_municipalities_nis_idx').on(t.municipalityNis),
  ],
);
