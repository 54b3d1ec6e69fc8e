import axe from 'axe-core';
import type { Page } from 'playwright-core';

/** One axe rule that failed on a page, with the elements it failed on. */
export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** The impacts the portal must never have (WCAG failures that block or badly hinder people). */
export const BLOCKING_IMPACTS = ['serious', 'critical'];

interface AxeWindow {
  axe?: {
    run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }>;
  };
  document: unknown;
}

/**
 * Runs axe-core (every WCAG 2.x A/AA rule and the best practices) on the page
 * and returns every violation. The portal forbids scripts (CSP script-src
 * 'none'), so the page's context must be created with `bypassCSP: true`.
 */
export async function runAxe(page: Page): Promise<AxeFinding[]> {
  const loaded = await page.evaluate(() => Boolean((globalThis as unknown as AxeWindow).axe));
  if (!loaded) await page.addScriptTag({ content: axe.source });
  const results = await page.evaluate(() => {
    const browser = globalThis as unknown as AxeWindow;
    return browser.axe!.run(browser.document, { resultTypes: ['violations'] });
  });
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact ?? 'unknown',
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.map(String).join(' ')),
  }));
}

/** A violation on one line, for a failure message. */
export function describeFinding(pageName: string, finding: AxeFinding): string {
  const targets = finding.targets.slice(0, 5).join(', ') + (finding.targets.length > 5 ? `, … (${finding.targets.length} nodes)` : '');
  return `${pageName}: [${finding.impact}] ${finding.id}: ${finding.help} (${targets})`;
}
