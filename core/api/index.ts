export * from './methods.js';
export { apiSchemas, validateApiArgs, isApiMethod, photoFileName } from './schemas.js';
export { MENU_COMMANDS, IPC_CHANNELS, isMenuCommand, type MenuCommand, type MenuCommandName, type MenuEvents, type BroadsheetBridge, type FileUploads, type FileBytes } from './shell.js';
