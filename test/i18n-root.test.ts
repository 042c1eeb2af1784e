import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import * as root from '#app/root.tsx';
import * as langRoute from '#app/routes/lang.tsx';
import { I18nProvider, useT } from '#app/components/i18n.tsx';
import type { Dictionary, MessageKey } from '#app/i18n/index.ts';
import { en } from '#app/i18n/en.ts';
import { zh } from '#app/i18n/zh.ts';
import { call, json } from './api.ts';
import { tokenOf } from './factories.ts';

/** The browser gets its text from root's data: one language, never both (issue 11 item 5). */
type RootJson = { locale: 'zh' | 'en'; messages: Dictionary };

const keys = Object.keys(zh) as MessageKey[];
/** The other language's texts that appear nowhere in this one's: finding any of them means it was sent too. */
const foreignTo = (own: Dictionary, other: Dictionary) => {
  const ownText = JSON.stringify(own);
  return keys.map((k) => JSON.stringify(other[k]).slice(1, -1)).filter((text) => text.length > 3 && !ownText.includes(text));
};

async function rootData(opts: Parameters<typeof call>[1]): Promise<{ data: RootJson; body: string }> {
  const res = await call(root, opts);
  expect(res.status).toBe(200);
  const body = await res.clone().text();
  return { data: await json<RootJson>(res), body };
}

function rendered(messages: Dictionary, key: MessageKey, vars?: Record<string, number>) {
  const Text = () => useT()(key, vars);
  return renderToString(createElement(I18nProvider, { locale: 'zh', messages, children: createElement(Text) }));
}

describe('root data: one dictionary per language', () => {
  it('a Chinese request gets the Chinese dictionary and no English text', async () => {
    const english = foreignTo(zh, en);
    expect(english.length).toBeGreaterThan(keys.length * 0.7);
    const { data, body } = await rootData({ headers: { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' } });
    expect(data.locale).toBe('zh');
    expect(data.messages).toEqual(zh);
    expect(english.filter((text) => body.includes(text))).toEqual([]);
  });

  it('an English request (cookie or Accept-Language) gets the English dictionary and none of the Chinese', async () => {
    for (const opts of [{ cookie: 'lang=en' }, { headers: { 'accept-language': 'en-GB,en;q=0.9' } }]) {
      const { data, body } = await rootData(opts);
      expect(data.locale).toBe('en');
      expect(data.messages).toEqual(en);
      const chinese = foreignTo(en, zh);
      expect(chinese.length).toBeGreaterThan(keys.length * 0.7);
      expect(chinese.filter((text) => body.includes(text))).toEqual([]);
    }
  });

  it('a signed-in viewer gets the same: their language only', async () => {
    const { token } = await tokenOf('enterprise');
    const { data } = await rootData({ token, cookie: 'lang=en' });
    expect(data.messages).toEqual(en);
    expect(Object.keys(data.messages)).toHaveLength(keys.length);
  });

  it('switching language with /lang makes the next root data English, and useT() renders it', async () => {
    const res = await call(langRoute, { form: { lang: 'en', redirectTo: '/search' } });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/search');
    const cookie = /^lang=en/.exec(res.headers.get('set-cookie') ?? '')?.[0];
    expect(cookie).toBe('lang=en');
    const { data } = await rootData({ cookie, headers: { 'accept-language': 'zh-CN' } });
    expect(rendered(data.messages, 'lang.switch')).toBe(en['lang.switch']);
    expect(rendered(data.messages, 'notif.unread', { count: 3 })).toBe(en['notif.unread'].replace('{count}', '3'));
  });
});
