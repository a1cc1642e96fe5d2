module.exports = require('./jest.harness.cjs').globalTeardown;
