import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isNotificationKind, isSwitchable } from '#domain/notifications/kinds.ts';
import { CONTRACT_NOTICES, GRANT_NOTICES } from '#app/services/notices.server.ts';

/** Every quoted `a.b` string on a `kind:` line of a service that calls notify(): the kinds it emits by name. */
function literalKinds(): Array<{ file: string; kind: string }> {
  const dir = path.resolve('app/services');
  const out: Array<{ file: string; kind: string }> = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const src = readFileSync(path.join(dir, file), 'utf8');
    if (!/\bnotify\(/.test(src)) continue;
    for (const line of src.split('\n').filter((l) => /\bkind:/.test(l))) {
      for (const m of line.matchAll(/'([a-z_]+(?:\.[a-z_]+)+)'/g)) out.push({ file, kind: m[1]! });
    }
  }
  return out;
}

describe('the kinds list covers every notification the code emits', () => {
  it('every contract and grant notice', () => {
    // notices.server.ts emits `contract.${event}` and `grant.${event}`.
    for (const e of CONTRACT_NOTICES) expect(isSwitchable(`contract.${e}`), `contract.${e}`).toBe(true);
    for (const e of GRANT_NOTICES) expect(isSwitchable(`grant.${e}`), `grant.${e}`).toBe(true);
  });

  it('every kind named in a notify() call of the services', () => {
    const found = literalKinds();
    // conversations, alerts, the broker named, organisations verified or rejected.
    expect(found.map((f) => f.kind)).toEqual(expect.arrayContaining(['conversation.opened', 'conversation.message', 'alert.matches', 'contract.broker_named', 'org.verified', 'org.rejected']));
    for (const f of found) expect(isNotificationKind(f.kind), `${f.kind} in ${f.file}`).toBe(true);
  });
});
