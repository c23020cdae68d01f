#!/usr/bin/env node
// The meterproof command. The tool ships as TypeScript sources (suites are loaded by vitest, which
// transforms them itself); tsx's loader lets Node run the CLI without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../harness/cli.ts');
