/** The code lists of results (API.md); labels live in i18n as `field.<code>` and so on. */
export const RESULT_FIELDS = [
  'new_materials',
  'electronic_information',
  'optomechatronics',
  'resources_environment_energy',
  'biomedicine',
  'agriculture',
] as const;
export const IP_TYPES = ['invention_patent', 'utility_model', 'design', 'software_copyright', 'know_how', 'plant_variety'] as const;
export const MATURITIES = ['lab', 'pilot_small', 'pilot', 'industrial'] as const;
export const TRANSFER_MODES = ['transfer', 'license', 'equity', 'joint_development'] as const;
export const RESULT_STATUSES = ['draft', 'published', 'withdrawn'] as const;

export type ResultField = (typeof RESULT_FIELDS)[number];
