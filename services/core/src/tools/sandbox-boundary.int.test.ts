import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = process.cwd();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory())
      return name === 'node_modules' || name === 'dist' ? [] : sourceFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

describe('sandbox boundary', () => {
  it.each(['services/core', 'services/api', 'services/bot'])(
    'when %s is scanned, then nothing in it imports or depends on the QuickJS engine or node:vm',
    (packageDir) => {
      const manifest = JSON.parse(readFileSync(path.join(root, packageDir, 'package.json'), 'utf8'));
      expect(Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })).not.toContain(
        'quickjs-emscripten',
      );
      const offenders = sourceFiles(path.join(root, packageDir, 'src')).filter((file) =>
        /from\s+['"](quickjs-emscripten[^'"]*|@jitl\/quickjs[^'"]*|node:vm|vm|vm2|isolated-vm)['"]|require\(['"](quickjs|vm)/.test(
          readFileSync(file, 'utf8'),
        ),
      );
      expect(offenders).toEqual([]);
    },
  );
});
