import { createInterface } from 'node:readline';

/**
 * Reads a secret from standard input: the first line of piped input, or a
 * prompt with the typed characters hidden when a person is at a terminal.
 */
export async function readSecret(stdin: NodeJS.ReadableStream & { isTTY?: boolean }, prompt: string): Promise<string> {
  const output = process.stderr;
  const rl = createInterface({ input: stdin, output: stdin.isTTY ? output : undefined, terminal: Boolean(stdin.isTTY) });
  if (stdin.isTTY) {
    output.write(prompt);
    // Swallow the echo of what is typed.
    (rl as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = () => undefined;
  }
  try {
    for await (const line of rl) return line;
    return '';
  } finally {
    rl.close();
    if (stdin.isTTY) output.write('\n');
  }
}
