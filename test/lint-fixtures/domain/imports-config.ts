// lint-expect: no-restricted-imports "domain/ imports nothing of ours but domain/"
// The zone is passed in (config/city.ts binds it); the domain does not read configuration.
import { CITY_TIME_ZONE } from '#config/city.ts';

export const zone = CITY_TIME_ZONE;
