// Preloaded into typewriter by bench/build.mjs (NODE_OPTIONS=--require): replaces the
// @segment/analytics-node client that typewriter's CLI uses for its own usage telemetry (every
// command reports to api.segment.io, with no opt-out) by one that sends nothing. Only the
// telemetry client changes: loading the plan, quicktype and the templates run as shipped. Without
// it, an offline machine pays failed DNS look-ups and retries of api.segment.io in every run
// (about 0.6 s here), which is no part of generating code. `node bench/build.mjs
// --typewriter-telemetry` runs typewriter as shipped instead.
'use strict';
const Module = require('node:module');

const load = Module.prototype.require;
Module.prototype.require = function require(id) {
  const exported = load.apply(this, arguments);
  if (id !== '@segment/analytics-node' || !exported || typeof exported.Analytics !== 'function') return exported;
  class Analytics {
    track(_message, callback) { if (typeof callback === 'function') callback(); }
    identify(_message, callback) { if (typeof callback === 'function') callback(); }
    on() { return this; }
    closeAndFlush() { return Promise.resolve(); }
  }
  return { ...exported, Analytics };
};
