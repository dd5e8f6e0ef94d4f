// A worker thread of loadRegistry: loads its share of files and sends the models back.
import { parentPort, workerData } from 'node:worker_threads';
import type { FileKind } from '../model.js';
import { loadOne } from './registry.js';

parentPort!.postMessage((workerData as Array<{ file: string; kind: FileKind }>).map(loadOne));
