import { describe, expect, it } from 'vitest';
import { highlight, markableTerms, snippet } from './highlight.ts';

describe('highlight', () => {
  it('marks Chinese sub-words and English words, longest first', () => {
    expect(highlight('传统中药制剂新剂型开发', markableTerms(['中药', '制剂', '中药制剂']))).toBe('传统<mark>中药制剂</mark>新剂型开发');
    expect(highlight('Graphene anode for Li-ion', ['graphene'])).toBe('<mark>Graphene</mark> anode for Li-ion');
  });

  it('renders markup in the text inert', () => {
    expect(highlight('<script>alert(1)</script> 中药', ['中药'])).toBe('&lt;script&gt;alert(1)&lt;/script&gt; <mark>中药</mark>');
    expect(highlight('a<b', [])).toBe('a&lt;b');
  });

  it('treats regex characters in queries literally', () => {
    expect(highlight('C++ (cpp) 编程', ['c++', '(cpp)'])).toBe('<mark>C++</mark> <mark>(cpp)</mark> 编程');
  });

  it('crops long texts around the first match', () => {
    const text = '前'.repeat(200) + '石墨烯' + '后'.repeat(200);
    const s = snippet(text, ['石墨烯'], 60);
    expect(s).toContain('<mark>石墨烯</mark>');
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
  });
});
