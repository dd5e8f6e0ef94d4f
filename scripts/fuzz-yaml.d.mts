// Types of scripts/fuzz-yaml.mjs for the tests that share its comparison.
import type { Node } from 'yaml';

type ParseFast = (text: string) => Node | null | undefined;
export function shape(node: unknown): unknown;
export function compare(parseFast: ParseFast, text: string): 'fast' | 'yaml';
export function seedFiles(): string[];
export function fuzz(parseFast: ParseFast, options?: { cases?: number; seconds?: number; seed?: number; seeds?: string[] }):
  { cases: number; fast: number; yaml: number; failures: Array<{ text: string; error: string }> };
