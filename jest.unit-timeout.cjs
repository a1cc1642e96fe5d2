// Some unit tests do real CPU work (QuickJS runs, chart rendering); on a loaded 2-core machine 5 s is too tight.
jest.setTimeout(30_000);
