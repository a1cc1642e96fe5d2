// jest loads globalSetup/globalTeardown with plain require (no moduleNameMapper),
// so teach it the `.js` -> `.ts` mapping our ESM sources use, then load the
// TypeScript harness while jest's transform hook is active.
const Module = require('node:module');

const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveTypeScriptSibling(request, parent, ...rest) {
  try {
    return resolve.call(this, request, parent, ...rest);
  } catch (error) {
    if (/^\.{1,2}\/.*\.js$/.test(request))
      return resolve.call(this, `${request.slice(0, -3)}.ts`, parent, ...rest);
    throw error;
  }
};

module.exports = {
  globalSetup: require('./services/core/src/testing/global-setup.ts').default,
  globalTeardown: require('./services/core/src/testing/global-teardown.ts').default,
};
