// lint-expect: no-restricted-imports "A *.server module cannot be imported"
// @ts-expect-error -- the path is relative to app/components/, where lint reads this text, not to this folder.
import { requireViewer } from '../lib/auth.server.ts';

export function Who() {
  return <p>{requireViewer.name}</p>;
}
