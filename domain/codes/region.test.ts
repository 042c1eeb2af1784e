import { describe, expect, it } from 'vitest';
import { isLocal, isValidRegionCode, liaochengDistricts, regionName } from './region.ts';

describe('region codes', () => {
  it('knows Liaocheng and its districts, including 茌平区 (371503 since 2019)', () => {
    expect(isValidRegionCode('371500')).toBe(true);
    expect(regionName('371500')).toBe('山东省聊城市');
    expect(regionName('371502')).toBe('山东省聊城市东昌府区');
    expect(regionName('371503')).toBe('山东省聊城市茌平区');
    expect(liaochengDistricts().map((d) => d.code)).toEqual(['371502', '371503', '371521', '371522', '371524', '371525', '371526', '371581']);
  });

  it('knows provinces, municipalities and other cities', () => {
    expect(regionName('370000')).toBe('山东省');
    expect(regionName('110108')).toBe('北京市海淀区');
    expect(regionName('370102')).toBe('山东省济南市历下区');
  });

  it('refuses codes that do not exist or are not six digits', () => {
    for (const bad of ['379999', '371599', '12345', '3715021', 'abcdef', '']) expect(isValidRegionCode(bad)).toBe(false);
  });

  it('tells local from non-local', () => {
    expect(isLocal('371526')).toBe(true);
    expect(isLocal('370102')).toBe(false);
  });
});
