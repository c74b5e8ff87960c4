/**
 * Loads `<contentDir>/troubleshooters/*.json`: one file per tree, named after its key. Structural
 * problems throw `content_invalid` naming the file and every problem; references to other content
 * (request types, articles) come back as warnings so an admin edit elsewhere never stops start-up.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../errors.js';
import type { Troubleshooter } from './model.js';
import { validateTree, type ValidationOptions } from './validate.js';

export interface LoadedTroubleshooters {
  /** Sorted by position, then key. */
  list: Troubleshooter[];
  get(key: string): Troubleshooter | undefined;
  /** Reference problems (unknown request type, field or article), one line each with its file. */
  warnings: string[];
}

export const troubleshooterDir = (contentDir: string) => join(contentDir, 'troubleshooters');

/** Reads and validates every tree; a missing folder means no troubleshooters. */
export function loadTroubleshooters(contentDir: string, options: ValidationOptions = {}): LoadedTroubleshooters {
  const dir = troubleshooterDir(contentDir);
  let files: string[] = [];
  try {
    if (statSync(dir).isDirectory()) files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch {
    files = [];
  }
  const trees: Troubleshooter[] = [];
  const warnings: string[] = [];
  for (const name of files) {
    const file = join(dir, name);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new AppError('content_invalid', { file, detail: error instanceof Error ? error.message : String(error) });
    }
    const result = validateTree(raw, options);
    const structural = result.issues.filter((i) => i.kind === 'structure').map((i) => i.message);
    if (structural.length || !result.tree) throw new AppError('content_invalid', { file, detail: structural.join('; ') });
    const tree = result.tree;
    if (`${tree.key}.json` !== name) throw new AppError('content_invalid', { file, detail: `the file of troubleshooter "${tree.key}" must be named ${tree.key}.json` });
    if (trees.some((t) => t.key === tree.key)) throw new AppError('content_invalid', { file, detail: `duplicate troubleshooter key "${tree.key}"` });
    for (const issue of result.issues) warnings.push(`${file}: ${issue.message}`);
    trees.push(tree);
  }
  trees.sort((a, b) => a.position - b.position || a.key.localeCompare(b.key));
  const byKey = new Map(trees.map((t) => [t.key, t]));
  return { list: trees, get: (key) => byKey.get(key), warnings };
}
