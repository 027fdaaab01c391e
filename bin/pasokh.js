#!/usr/bin/env node
// The published bin: runs the TypeScript CLI through tsx, so no separate server build is needed.
import { register } from 'tsx/esm/api';

register();
await import('../server/cli.ts');
