// Where the linted file's tracking plan is found from: as the `trackplan` command finds it from
// the working directory (the nearest trackplan.config.yaml, else registry/, up to the repository
// root), here from the linted file's folder, so that each package of a monorepo gets its own plan
// whatever folder ESLint runs in. A config named in the settings is used as it is.
import path from 'node:path';
import type { Resolved } from './settings.js';

/** The folder to look for the project from. */
export function searchFrom(settings: Resolved, file: string | undefined): string {
  if (settings.config || !file || !path.isAbsolute(file)) return settings.cwd; // `<text>`: no file
  return path.dirname(file);
}
