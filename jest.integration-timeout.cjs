// Integration tests start databases and processes on a 2-core machine: a generous, bounded timeout.
jest.setTimeout(120_000);
