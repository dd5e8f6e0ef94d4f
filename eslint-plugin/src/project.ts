// Where the linted file's tracking plan is: found as the `trackplan` command finds it from the
// working directory (findProject: the nearest trackplan.config.yaml, else registry/, up to the
// repository root), here from the linted file's folder, so that each package of a monorepo gets
// its own plan whatever folder ESLint runs in. A config named in the settings is used as it is.
import path from 'node:path';
import { findProject, loadConfig, RULE_IDS, type Project } from 'trackplan';
import type { Resolved } from './settings.js';

/** The folder to look for the project from. */
export function searchFrom(settings: Resolved, file: string | undefined): string {
  if (settings.config || !file || !path.isAbsolute(file)) return settings.cwd; // `<text>`: no file
  return path.dirname(file);
}

// Files in a thousand folders would each walk up and read the same config: the walk is shared
// through the folders already seen, and each config read once, until the answers are `maxAge` old.
const found = new Map<string, Project | string>();
const configs = new Map<string, string>();
let since = -Infinity;

/** The registry folder for `from`: its project's config's, else its project's registry/. Throws ConfigError. */
export function registryFrom(from: string, explicit: string | undefined, now: number, maxAge: number): string {
  if (now - since >= maxAge) forgetProjects(now);
  const project = findProject(from, explicit, found);
  if (!project.config) return path.join(project.dir, 'registry');
  let root = configs.get(project.config);
  if (root === undefined) configs.set(project.config, (root = loadConfig(project.dir, project.config, RULE_IDS).registry));
  return root;
}

export function forgetProjects(now = -Infinity): void {
  found.clear();
  configs.clear();
  since = now;
}
