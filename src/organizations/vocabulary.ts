export const ORG_KINDS = [
  'akim_apparatus',
  'monitoring_department',
  'apparatus_subdivision',
  'regional_department',
  'city_akimat',
  'district_akimat',
  'rural_akimat',
  'state_body',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ORG_LEVELS = ['republic', 'region', 'district', 'rural'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];
