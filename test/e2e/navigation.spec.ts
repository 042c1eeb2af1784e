import { expect, test } from '@playwright/test';
import { navTargets, ROLES, signInAs } from './helpers.ts';

/**
 * Every page of the navigation, reached as a user reaches it: a click through the client
 * router, for every role. A route whose client bundle breaks (a server-only import used at
 * module level, say) makes Remix log "Error loading route module" and reload the page; any
 * console error or uncaught exception on the way fails the crawl.
 */
for (const user of ROLES) {
  test(`the navigation works client-side for the ${user.label}`, async ({ page }) => {
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
    await signInAs(page, user.email);
    const nav = page.getByRole('navigation', { name: '主导航' });
    const targets = await navTargets(page);
    expect(targets.length).toBeGreaterThan(1);
    for (const to of targets) {
      // Each page reached from another one, as a user clicks through the menu.
      await nav.locator(`a[href="${to}"]`).click();
      await expect(page).toHaveURL((url) => url.pathname === to);
      await expect(nav.locator(`a[href="${to}"]`)).toHaveAttribute('aria-current', 'page');
      await page.waitForLoadState('networkidle');
    }
    expect(errors, errors.join('\n')).toEqual([]);
    console.info(`[crawl] ${user.label}: ${targets.length} pages, ${errors.length} console errors`);
  });
}
