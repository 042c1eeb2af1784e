import { AppError } from '#domain/errors.ts';
import { resultSearchSchema, searchParamsToObject, searchResults, type SearchAnswer } from '#search/query.ts';
import { parseOr400 } from '#app/lib/api.server.ts';

export { resultSearchSchema };
export type { SearchAnswer };

/** Parses a search URL's parameters (400 on anything outside the schema) and runs the search. */
export async function searchFromUrl(url: URL): Promise<SearchAnswer> {
  const params = parseOr400(resultSearchSchema, searchParamsToObject(url.searchParams));
  try {
    return await searchResults(params);
  } catch (e) {
    if (e instanceof AppError) throw e;
    console.error('[search]', e);
    throw new AppError('unavailable', { zh: '搜索服务暂时不可用，请稍后再试', en: 'Search is unavailable right now; please try again shortly' });
  }
}
