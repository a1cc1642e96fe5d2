module.exports = require('./jest.harness.cjs').globalSetup;
