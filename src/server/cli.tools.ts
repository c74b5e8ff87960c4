import type { Command } from 'commander';

/** Commands for the safety tools (shield, chain); filled in by their modules. */
export function registerToolCommands(_program: Command): void {}
