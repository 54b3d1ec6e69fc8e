import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { requestTypesMarkdown } from '#domain';
import type { Command } from '../command.js';

/** Regenerates docs/request-types.md from the machine tables. */
export const docsRequestTypesCommand: Command = {
  name: 'docs:request-types',
  summary: 'write docs/request-types.md (states, actions, deadlines, Mermaid diagrams) from the machine tables',
  usage: 'docs:request-types',
  async run(_args, _config, io) {
    const path = resolve(process.cwd(), 'docs/request-types.md');
    await writeFile(path, requestTypesMarkdown());
    io.out(`wrote ${path}`);
    return 0;
  },
};
