import { harnessState } from './global-setup.js';
import { adminConnection } from './test-backends.js';

export default async function globalTeardown(): Promise<void> {
  const state = harnessState();
  if (state.adminUrl && state.templateDb) {
    const admin = adminConnection(state.adminUrl);
    try {
      // Test files drop their own copies; this also sweeps copies a crashed worker left behind.
      await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [state.templateDb]);
    } finally {
      await admin.destroy();
    }
  }
  await Promise.all(state.containers.map((container) => container.stop()));
  console.log(`[harness] integration backend was: ${process.env.HA_TEST_BACKEND_DESCRIPTION ?? 'unknown'}`);
}
