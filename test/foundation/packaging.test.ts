// electron-builder.yml, checked with electron-builder's own loader and schema (the packager
// itself cannot run here: it downloads Electron), plus what the app needs of it: the targets
// the issue names (AppImage, deb, NSIS, dmg), the .broadsheet association, and every
// resource it lists present — the fonts exactly the faces of assets/fonts.json, at the
// <package>/<file> layout node/font-files.ts reads under BROADSHEET_FONTS_DIR.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { fontFilePath } from '../../node/font-files.js';

const root = join(import.meta.dirname, '..', '..');
const require = createRequire(join(root, 'package.json'));

interface Resource {
  from: string;
  to: string;
  filter?: string[];
}
interface Config {
  appId?: string;
  productName?: string;
  asar?: boolean;
  /** As written, or normalised by electron-builder's loader to `{ filter: [...] }` entries. */
  files?: Array<string | { filter?: string[] }>;
  extraResources?: Resource[];
  fileAssociations?: Array<{ ext: string; name: string; role?: string }>;
  linux?: { target?: string[] };
  win?: { target?: string[] };
  mac?: { target?: string[] };
}

let config: Config;

before(async () => {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
    getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<Config>;
    validateConfiguration(config: Config, logger: unknown): Promise<void>;
  };
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  // electron-builder logs to stdout, which node:test's runner reads its protocol from.
  const write = process.stdout.write;
  process.stdout.write = () => true;
  try {
    config = await getConfig(root, join(root, 'electron-builder.yml'), null);
    // Throws with the schema's message on an unknown key or a wrong type.
    await validateConfiguration(config, new DebugLogger(false));
  } finally {
    process.stdout.write = write;
  }
});

describe('electron-builder.yml', () => {
  test('app id, product name, asar, and the targets: Linux AppImage + deb, Windows NSIS, macOS dmg', () => {
    assert.match(config.appId ?? '', /^[a-z]+(\.[a-z][\w-]*)+$/);
    assert.equal(config.productName, 'Broadsheet');
    assert.equal(config.asar, true);
    assert.deepEqual(config.linux?.target, ['AppImage', 'deb']);
    assert.deepEqual(config.win?.target, ['nsis']);
    assert.deepEqual(config.mac?.target, ['dmg']);
  });

  test('the app icon: build/icon.png (electron-builder derives .ico and .icns), at least 512 px square', async () => {
    const sharp = (await import('sharp')).default;
    const meta = await sharp(join(root, 'build', 'icon.png')).metadata();
    assert.equal(meta.width, meta.height);
    assert.ok((meta.width ?? 0) >= 512);
  });

  test('.broadsheet files open with the app', () => {
    const assoc = config.fileAssociations?.find((a) => a.ext === 'broadsheet');
    assert.ok(assoc, 'no fileAssociations entry for .broadsheet');
    assert.equal(assoc.role, 'Editor');
  });

  test('the app files include the built main process and renderer; package.json main points into them', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
    assert.equal(pkg.main, 'dist/electron/main.cjs');
    const files = (config.files ?? []).flatMap((f) => (typeof f === 'string' ? [f] : (f.filter ?? [])));
    assert.ok(files.includes('dist/electron/**'));
    assert.ok(files.includes('dist/renderer/**'));
    assert.ok(files.includes('assets/fonts.json'), 'font-files.ts reads the manifest inside the app');
  });

  test('every extra resource exists; templates and the sample issue are packed', () => {
    for (const r of config.extraResources ?? []) assert.ok(existsSync(join(root, r.from)), `extraResources: missing ${r.from}`);
    const to = new Map((config.extraResources ?? []).map((r) => [r.to, r.from]));
    assert.equal(to.get('templates'), 'templates');
    assert.equal(to.get('sample'), 'assets/sample');
    assert.ok(statSync(join(root, 'assets', 'sample', 'sample.broadsheet')).isFile());
  });

  test('the fonts packed are exactly the faces of assets/fonts.json, each at <package>/<file> under fonts/', () => {
    const faces = (JSON.parse(readFileSync(join(root, 'assets', 'fonts.json'), 'utf8')) as { faces: Record<string, { package: string; file: string }> }).faces;
    const expected = [...new Set(Object.values(faces).map((f) => `${f.package}/${f.file}`))].sort();
    const packed = (config.extraResources ?? []).filter((r) => r.from.endsWith('.ttf'));
    assert.deepEqual(packed.map((r) => r.from.replace(/^node_modules\//, '')).sort(), expected);
    for (const r of packed) assert.equal(r.to, `fonts/${r.from.replace(/^node_modules\//, '')}`);
  });

  test('in the packaged app (BROADSHEET_FONTS_DIR set) a face resolves to that layout', () => {
    const before = process.env.BROADSHEET_FONTS_DIR;
    try {
      process.env.BROADSHEET_FONTS_DIR = '/opt/Broadsheet/resources/fonts';
      assert.equal(fontFilePath('serif'), '/opt/Broadsheet/resources/fonts/@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf');
    } finally {
      if (before === undefined) delete process.env.BROADSHEET_FONTS_DIR;
      else process.env.BROADSHEET_FONTS_DIR = before;
    }
    assert.match(fontFilePath('serif'), /node_modules\/@expo-google-fonts\/noto-serif-sc\/400Regular\/NotoSerifSC_400Regular\.ttf$/);
  });
});
