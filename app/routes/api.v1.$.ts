import { notFound } from '#domain/errors.ts';
import { api } from '#app/lib/api.server.ts';

/** Unknown API paths answer in the API's error format, not with an HTML page. */
const handler = api(async () => {
  throw notFound();
});
export const loader = handler;
export const action = handler;
