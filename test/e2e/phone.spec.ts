import { expect, test, type Page } from '@playwright/test';
import { navTargets, ROLES, signInAs } from './helpers.ts';

const WIDTH = 390;
const MAX_HEADER = 120;
/** Detail pages reached from the navigation's pages: the first contract, grant and result linked there. */
const DETAILS = [/^\/contracts\/[0-9a-f-]{36}$/, /^\/grants\/[0-9a-f-]{36}$/, /^\/r\/[^/]+$/];

test.use({ viewport: { width: WIDTH, height: 844 } });

/** What sticks out past the right edge of a phone, and how tall the header is, on the current page. */
async function measure(page: Page) {
  return page.evaluate((width) => {
    // Inside a scrolling box an element only widens that box, unless it is positioned against something outside it.
    const clipped = (el: Element) => {
      let absolute = getComputedStyle(el).position === 'absolute';
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const s = getComputedStyle(p);
        if (absolute && s.position === 'static') continue;
        if (s.overflowX !== 'visible') return true;
        absolute = s.position === 'absolute';
      }
      return false;
    };
    const sticksOut = (el: Element) => el.getBoundingClientRect().right > width + 0.5 && !clipped(el);
    // Name the outermost offenders: the elements that overflow inside a parent that does not.
    const culprits = [...document.body.querySelectorAll('*')]
      .filter((el) => sticksOut(el) && !(el.parentElement && el.parentElement !== document.body && sticksOut(el.parentElement)))
      .slice(0, 5)
      .map((el) => {
        const name = el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') + [...el.classList].map((c) => `.${c}`).join('');
        return `${name} (right ${Math.round(el.getBoundingClientRect().right)}px) “${(el.textContent ?? '').trim().slice(0, 40)}”`;
      });
    return {
      scrollWidth: document.documentElement.scrollWidth,
      header: Math.round(document.querySelector('header')!.getBoundingClientRect().height),
      culprits,
    };
  }, WIDTH);
}

let checked = 0;

/**
 * On a 390 px phone, every page of each role's navigation, plus a contract, a grant and a
 * result page found from them, fits the screen's width and keeps the header compact.
 */
for (const user of ROLES) {
  test(`every page fits a ${WIDTH} px phone for the ${user.label}`, async ({ page }) => {
    await signInAs(page, user.email);
    const nav = await navTargets(page);
    const paths = [...nav];
    const problems: string[] = [];
    const found = new Set<RegExp>();
    for (let i = 0; i < paths.length; i++) {
      const path = paths[i]!;
      await page.goto(path);
      const m = await measure(page);
      console.log(`[phone] ${user.label} ${path}: width ${m.scrollWidth}px, header ${m.header}px`);
      if (m.scrollWidth > WIDTH) problems.push(`${path} is ${m.scrollWidth}px wide: ${m.culprits.join('; ')}`);
      if (m.header > MAX_HEADER) problems.push(`${path}: the header is ${m.header}px tall`);
      if (i >= nav.length) continue;
      const links = await page.locator('main a[href]').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
      for (const pattern of DETAILS) {
        const link = found.has(pattern) ? undefined : links.find((l) => pattern.test(l));
        if (link) {
          found.add(pattern);
          paths.push(link);
        }
      }
    }
    // Signed in, every role reaches a contract, a grant and a result from its menu; a visitor only results;
    // a bureau user holding one role reaches results and the one of contracts or grants that role works on.
    const oneBureauRole = /^(registrar|reviewer|payer|admin)@/.test(user.email ?? '');
    expect(found.size, `detail pages found: ${paths.slice(nav.length).join(', ')}`).toBe(!user.email ? 1 : oneBureauRole ? 2 : DETAILS.length);
    checked += paths.length;
    console.log(`[phone] ${user.label}: ${paths.length} pages checked (${nav.length} of the navigation, ${found.size} detail pages)`);
    expect(problems, problems.join('\n')).toEqual([]);
  });
}

test.afterAll(() => {
  console.log(`[phone] ${checked} pages checked at ${WIDTH} px in all`);
});
