// lint-expect: no-restricted-imports "A *.server module cannot be imported"
// app/lib/*.ts without .server reaches the browser (components import it).
import { getViewer } from '#app/lib/auth.server.ts';

export const viewerOf = getViewer;
