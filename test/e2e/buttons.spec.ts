import { expect, test, type Locator } from '@playwright/test';
import { DEMO_PASSWORD, hydrated, login } from './helpers.ts';

/** The text colour and background a user sees on an element, as rgb() strings. */
async function colours(el: Locator) {
  return el.evaluate((e) => {
    const s = getComputedStyle(e);
    // A transparent button shows the page behind it (white).
    const see = (c: string) => (/rgba\(.*,\s*0\)$/.test(c) ? 'rgb(255, 255, 255)' : c);
    return { color: s.color, background: see(s.backgroundColor) };
  });
}

/** WCAG contrast ratio of two rgb() colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = c.match(/\d+(\.\d+)?/g)!.slice(0, 3).map((x) => Number(x) / 255).map((x) => (x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/**
 * Every button style keeps its label readable at rest, under the pointer and with the
 * keyboard's focus: text against background at least 4.5:1 (WCAG AA). Pages with every style
 * (primary, default, small; buttons and links styled as buttons), as a visitor and signed in.
 */
test('buttons keep a readable label on hover and on focus', async ({ page }) => {
  const checked: string[] = [];
  const visit = [['/', '/login', '/search', '/signup'], ['/results', '/contracts/new', '/demands']] as const;
  for (const path of [...visit[0], 'login', ...visit[1]]) {
    if (path === 'login') {
      await login(page, 'university@demo.lc.test', DEMO_PASSWORD);
      continue;
    }
    await page.goto(path);
    await hydrated(page);
    for (const button of await page.locator('main .button').all()) {
      if (!(await button.isVisible())) continue;
      const name = `${path} ${(await button.innerText()).trim()}`;
      const rest = await colours(button);
      await button.hover();
      await page.waitForTimeout(200); // the colour transition
      const hover = await colours(button);
      await page.mouse.move(0, 0);
      await button.focus();
      await page.waitForTimeout(200);
      const focus = await colours(button);
      for (const [state, c] of Object.entries({ rest, hover, focus })) {
        expect(contrast(c.color, c.background), `${name} (${state}): ${c.color} on ${c.background}`).toBeGreaterThanOrEqual(4.5);
      }
      checked.push(name);
    }
  }
  expect(checked.length).toBeGreaterThan(5);
  console.info(`[buttons] ${checked.length} buttons checked at rest, on hover and on focus: ${checked.join(', ')}`);
});
