// The three event-name rules share one shape: ask the naming module about each snake_case name.
import type { NameProblem } from '../naming/index.js';
import { caseProblem, MAX_EVENT_NAME } from './event-name-case.js';
import type { Rule } from './rule.js';

export function eventNameRule(spec: Omit<Rule, 'check'>, judge: (name: string) => NameProblem | undefined): Rule {
  return {
    ...spec,
    check(ctx) {
      for (const event of ctx.registry.events) {
        // A name that is not snake_case gets event-name-case's message; guessing its words would only add noise.
        if (!event.name || caseProblem(event.name, MAX_EVENT_NAME)) continue;
        const problem = judge(event.name);
        if (!problem) continue;
        ctx.report({
          file: event.file, loc: event.loc, subject: event.name, message: problem.message,
          ...(problem.suggestion ? { suggestion: problem.suggestion } : {}),
          ...(problem.severity === 'warning' ? { severity: 'warning' as const } : {}),
        });
      }
    },
  };
}
