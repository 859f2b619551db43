// Imported first by electron/main.ts: in a packaged app, point the services at the resources
// electron-builder copied beside the asar (fonts, templates) before any module reads them.
import { app } from 'electron';
import { join } from 'node:path';

if (app.isPackaged) {
  process.env.BROADSHEET_FONTS_DIR ??= join(process.resourcesPath, 'fonts');
  process.env.BROADSHEET_TEMPLATES_DIR ??= join(process.resourcesPath, 'templates');
}
