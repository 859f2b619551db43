export * from './methods.js';
export { apiSchemas, validateApiArgs, isApiMethod } from './schemas.js';
export { MENU_COMMANDS, IPC_CHANNELS, isMenuCommand, type MenuCommand, type MenuCommandName, type MenuEvents, type BroadsheetBridge } from './shell.js';
