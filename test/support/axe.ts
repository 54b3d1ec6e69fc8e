import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/**
 * axe-core's browser bundle, read as text: loading the package in Node would run
 * it through Jest's transform, which breaks its top-level `this` (the window).
 */
let axeSource: string | undefined;
const loadAxeSource = (): string => (axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

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
    run(
      context: unknown,
      options: unknown,
    ): Promise<
      Record<'violations' | 'passes' | 'incomplete', { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[]>
    >;
  };
  document: unknown;
}

/** What axe found on one page: every violation, and how many rules passed or need a person to judge. */
export interface AxeReport {
  violations: AxeFinding[];
  /** Rules that ran and passed: zero means axe did not really run. */
  passed: number;
  /** Rules axe could not decide (e.g. contrast over an image): worth a human look, not a failure. */
  incomplete: string[];
}

/**
 * Runs axe-core (every WCAG 2.x A/AA rule and the best practices) on the page.
 * The portal forbids scripts (CSP script-src 'none'), so the page's context
 * must be created with `bypassCSP: true`.
 */
export async function runAxe(page: Page): Promise<AxeReport> {
  const loaded = await page.evaluate(() => Boolean((globalThis as unknown as AxeWindow).axe));
  if (!loaded) await page.addScriptTag({ content: loadAxeSource() });
  const results = await page.evaluate(() => {
    const browser = globalThis as unknown as AxeWindow;
    return browser.axe!.run(browser.document, {});
  });
  return {
    violations: results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? 'unknown',
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.map(String).join(' ')),
    })),
    passed: results.passes.length,
    incomplete: results.incomplete.map((rule) => rule.id),
  };
}

/** A violation on one line, for a failure message. */
export function describeFinding(pageName: string, finding: AxeFinding): string {
  const targets = finding.targets.slice(0, 5).join(', ') + (finding.targets.length > 5 ? `, … (${finding.targets.length} nodes)` : '');
  return `${pageName}: [${finding.impact}] ${finding.id}: ${finding.help} (${targets})`;
}
