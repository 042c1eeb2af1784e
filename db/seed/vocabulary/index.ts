import { AGRICULTURE } from './agriculture.ts';
import { BIOMEDICINE } from './biomedicine.ts';
import { ELECTRONIC_INFORMATION } from './electronic-information.ts';
import { NEW_MATERIALS } from './new-materials.ts';
import { OPTOMECHATRONICS } from './optomechatronics.ts';
import { RESOURCES_ENVIRONMENT_ENERGY } from './resources-environment-energy.ts';
import type { Field, FieldVocabulary } from './types.ts';

export * from './types.ts';
export * from './common.ts';
export * from './people.ts';
export * from './institutions.ts';
export { AGRICULTURE, BIOMEDICINE, ELECTRONIC_INFORMATION, NEW_MATERIALS, OPTOMECHATRONICS, RESOURCES_ENVIRONMENT_ENERGY };

/** The six fields' vocabularies, keyed by field. */
export const VOCABULARY: Readonly<Record<Field, FieldVocabulary>> = {
  new_materials: NEW_MATERIALS,
  electronic_information: ELECTRONIC_INFORMATION,
  optomechatronics: OPTOMECHATRONICS,
  resources_environment_energy: RESOURCES_ENVIRONMENT_ENERGY,
  biomedicine: BIOMEDICINE,
  agriculture: AGRICULTURE,
};
