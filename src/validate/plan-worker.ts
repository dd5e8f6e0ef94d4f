// The thread `loadPlanAside` starts: loads the plan, sends it, and is done.
import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../load/config.js';
import { loadPlan } from './plan.js';

parentPort!.postMessage(await loadPlan(workerData as Config));
