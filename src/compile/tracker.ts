// types/tracker.ts: the typed tracker. Fixed text: every event-specific part is in the types it
// imports, so it carries no schema code and stays the same size however large the plan is.
import { notice } from './common.js';

export const trackerFile = (): string => `// ${notice()}
import type { EventName, EventProperties, TrackplanEvent } from './index.js';

export interface TrackerOptions {
  /** Delivers an event: to a queue, a collector, or an array in tests. */
  send: (event: TrackplanEvent) => void;
  /** The user events are about; a function is asked at every call, so it can follow log-in and log-out. */
  userId?: string | (() => string | undefined);
  /**
   * Checks an event before it is sent, and throws to refuse it: for example validators compiled
   * ahead of time from schemas/ with Ajv, passed in development builds only. Without it the
   * tracker holds no schema code: the types have already checked every call.
   */
  validate?: (event: TrackplanEvent) => void;
}

export interface Tracker {
  /** Sends the event \`name\` with its properties, and returns the envelope that was sent. */
  track<N extends EventName>(name: N, properties: EventProperties<N>): TrackplanEvent<N>;
}

// The global \`crypto\` (browsers, Node 19+, Deno, Bun) typed here, so this file compiles
// whether the app's tsconfig includes the DOM library, Node's types, or neither.
const randomUUID = (): string => (globalThis as unknown as { crypto: { randomUUID(): string } }).crypto.randomUUID();

export function createTracker(options: TrackerOptions): Tracker {
  const { send, userId, validate } = options;
  return {
    track<N extends EventName>(name: N, properties: EventProperties<N>): TrackplanEvent<N> {
      const user = typeof userId === 'function' ? userId() : userId;
      // Every event is about a user: an event without one would fail every schema downstream.
      if (!user) throw new Error(\`trackplan: no user id for "\${name}"; pass userId to createTracker.\`);
      // TypeScript cannot relate a generic N to the union of all events: the signature is what checks callers.
      const event = {
        event_id: randomUUID(),
        event_name: name,
        event_time: new Date().toISOString(),
        user_id: user,
        properties,
      } as unknown as TrackplanEvent;
      validate?.(event);
      send(event);
      return event as unknown as TrackplanEvent<N>;
    },
  };
}
`;
