import { describe, expect, it } from 'vitest';
import { isLocal, isValidRegionCode, LIAOCHENG_DISTRICTS, LIAOCHENG_PREFIX, regionName } from './region.ts';

describe('region codes', () => {
  it('reads Liaocheng’s eight districts and counties from the data, including 茌平区 (371503 since 2019)', () => {
    expect(LIAOCHENG_DISTRICTS).toEqual([
      { code: '371502', name: '东昌府区' },
      { code: '371503', name: '茌平区' },
      { code: '371521', name: '阳谷县' },
      { code: '371522', name: '莘县' },
      { code: '371524', name: '东阿县' },
      { code: '371525', name: '冠县' },
      { code: '371526', name: '高唐县' },
      { code: '371581', name: '临清市' },
    ]);
    expect(Object.isFrozen(LIAOCHENG_DISTRICTS)).toBe(true);
    for (const d of LIAOCHENG_DISTRICTS) {
      expect(isValidRegionCode(d.code)).toBe(true);
      expect(regionName(d.code)).toBe(`山东省聊城市${d.name}`);
    }
  });

  it('accepts counties, cities + 00 and provinces + 0000', () => {
    for (const ok of ['371502', '371500', '370000', '370102', '370212', '110108', '310115', '110000', '110100']) expect(isValidRegionCode(ok), ok).toBe(true);
  });

  it('refuses codes that do not exist or are not six ASCII digits', () => {
    const bad = ['379999', '371599', '371523' /* 茌平县, abolished 2019 */, '370100 ', ' 370100', '12345', '3715021', 'abcdef', '', '３７１５０２', '000000', '371500.0'];
    for (const code of bad) expect(isValidRegionCode(code), JSON.stringify(code)).toBe(false);
    expect(regionName('379999')).toBeNull();
  });

  it('names provinces, cities and counties from the province down', () => {
    expect(regionName('370000')).toBe('山东省');
    expect(regionName('371500')).toBe('山东省聊城市');
    expect(regionName('370102')).toBe('山东省济南市历下区');
    expect(regionName('370212')).toBe('山东省青岛市崂山区');
  });

  it('leaves out the dataset’s placeholder levels and does not repeat a city that is its own county', () => {
    expect(regionName('110108')).toBe('北京市海淀区');
    expect(regionName('310115')).toBe('上海市浦东新区');
    expect(regionName('110100')).toBe('北京市');
    expect(regionName('500229')).toBe('重庆市城口县'); // under 重庆市 › 县
    expect(regionName('419001')).toBe('河南省济源市'); // under 省直辖县级行政区划
    expect(regionName('441900')).toBe('广东省东莞市'); // both a city and its own area
  });

  it('tells local from non-local', () => {
    expect(LIAOCHENG_PREFIX).toBe('3715');
    expect(isLocal('371526')).toBe(true);
    expect(isLocal('371500')).toBe(true);
    expect(isLocal('370102')).toBe(false);
    expect(isLocal('3715')).toBe(false);
    expect(isLocal('370102', '3701')).toBe(true);
    expect(isLocal('370212', '37')).toBe(true);
  });
});
