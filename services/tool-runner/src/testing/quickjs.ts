import emscriptenModuleLoader from '@jitl/quickjs-wasmfile-release-sync/emscripten-module';
import {
  newQuickJSWASMModuleFromVariant,
  type QuickJSSyncVariant,
  type QuickJSWASMModule,
  RELEASE_SYNC,
} from 'quickjs-emscripten';

/**
 * The release-sync variant getQuickJS() uses, loaded without the dynamic import() in its module loader:
 * jest runs tests as CommonJS, where that import() is unavailable.
 */
export const testQuickJSVariant: QuickJSSyncVariant = {
  type: 'sync',
  importFFI: RELEASE_SYNC.importFFI,
  importModuleLoader: async () => emscriptenModuleLoader,
};

/** An independent QuickJS module (its own, uncapped WebAssembly memory). */
export function loadQuickJSForTests(): Promise<QuickJSWASMModule> {
  return newQuickJSWASMModuleFromVariant(testQuickJSVariant);
}
