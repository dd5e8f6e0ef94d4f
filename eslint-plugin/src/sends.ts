// The sends of a file, as the rules read them, for `trackplan coverage`: a rule that reports
// nothing and hands each tracking call (or JSX attribute) to a callback.
import type { Rule } from 'eslint';
import type * as ESTree from 'estree';
import { sendListeners, settingsError, trackingCall } from './calls.js';

export interface Send {
  file: string;
  line: number;
  /** 1-based, as ESLint's messages. */
  column: number;
  /** The events it sends; undefined when the name is computed at run time or missing. */
  names?: string[];
}

/** A rule that calls `onSend` for every send it finds, and `onSettingsError` when `settings.trackplan` cannot be used. */
export function sendsRule(onSend: (send: Send) => void, onSettingsError: (message: string) => void = () => {}): Rule.RuleModule {
  return {
    meta: { type: 'suggestion', docs: { description: 'Collects the tracking calls of each file (for `trackplan coverage`); reports nothing.' }, schema: [] },
    create(context) {
      const error = settingsError(context);
      if (error) { onSettingsError(error); return {}; }
      const file = context.filename;
      const visit = (node: ESTree.Node): void => {
        const t = trackingCall(context, node);
        if (!t) return;
        const at = (t.nameNode ?? node).loc!.start;
        const send: Send = { file, line: at.line, column: at.column + 1 };
        if (t.names) send.names = t.names.map((n) => n.value);
        onSend(send);
      };
      return sendListeners(context, visit);
    },
  };
}
