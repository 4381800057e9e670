#!/usr/bin/env node
// Entry point for `npm start` and the `gongdan` command: registers the TypeScript loader, then runs the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
