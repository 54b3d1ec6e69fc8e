import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Tools from Debian's poppler-utils and qpdf (scripts/test-tools.sh installs them). */
function withFile<T>(pdf: Buffer, work: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'prd-pdf-'));
  const path = join(dir, 'document.pdf');
  writeFileSync(path, pdf);
  try {
    return work(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text a reader (or a screen reader) gets out of the PDF, whitespace folded. */
export function pdfText(pdf: Buffer): string {
  return withFile(pdf, (path) => execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ').trim());
}

/** `qpdf --check`: exit 0 and no errors. */
export function qpdfCheck(pdf: Buffer): { ok: boolean; output: string } {
  return withFile(pdf, (path) => {
    const run = spawnSync('qpdf', ['--check', path], { encoding: 'utf8' });
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
  });
}

/** Fonts as pdffonts lists them: name, whether embedded. */
export function pdfFonts(pdf: Buffer): { name: string; embedded: boolean }[] {
  return withFile(pdf, (path) =>
    execFileSync('pdffonts', [path], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .filter((line) => line.trim())
      .map((line) => {
        const columns = line.trim().split(/\s+/);
        // Columns: name type [encoding] emb sub uni object ID: read emb from the end.
        return { name: columns[0], embedded: columns[columns.length - 5] === 'yes' };
      }),
  );
}

/** `pdfinfo` fields (Tagged, Pages, Title, ...). */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  return withFile(pdf, (path) =>
    Object.fromEntries(
      execFileSync('pdfinfo', [path], { encoding: 'utf8' })
        .split('\n')
        .filter((line) => line.includes(':'))
        .map((line) => [line.slice(0, line.indexOf(':')).trim(), line.slice(line.indexOf(':') + 1).trim()]),
    ),
  );
}

/** Renders page 1 to test/artifacts/<name>.png for a person to look at; returns the path. */
export function renderFirstPage(pdf: Buffer, name: string): string {
  const out = resolve('test/artifacts');
  mkdirSync(out, { recursive: true });
  const target = join(out, name);
  withFile(pdf, (path) => execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', path, target]));
  return `${target}.png`;
}
