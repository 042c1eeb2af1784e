import { describe, expect, it } from 'vitest';
import { makeUscc, usccCheckChar, validateUscc } from './uscc.ts';

describe('统一社会信用代码', () => {
  it('accepts published real codes', () => {
    // 华为技术有限公司 and 腾讯科技（深圳）有限公司, from their public business licences.
    expect(validateUscc('914403001922038216')).toEqual({ ok: true, value: '914403001922038216' });
    expect(validateUscc('9144030071526726XG')).toEqual({ ok: true, value: '9144030071526726XG' });
  });

  it('normalises case, spaces and full-width characters', () => {
    expect(validateUscc(' 9144030071526726xg ')).toEqual({ ok: true, value: '9144030071526726XG' });
    expect(validateUscc('９１４４０３００１９２２０３８２１６')).toMatchObject({ ok: true });
  });

  it('names what is wrong', () => {
    expect(validateUscc('91440300192203821')).toEqual({ ok: false, reason: 'length' });
    expect(validateUscc('91440300192203821I')).toEqual({ ok: false, reason: 'charset' });
    expect(validateUscc('9144030019220382O6')).toEqual({ ok: false, reason: 'charset' });
    expect(validateUscc('914403001922038217')).toEqual({ ok: false, reason: 'check' });
  });

  it('builds valid codes', () => {
    const code = makeUscc('12371500MB1234567');
    expect(code).toHaveLength(18);
    expect(validateUscc(code).ok).toBe(true);
    expect(usccCheckChar('91440300192203821')).toBe('6');
  });
});
