export * from './methods.js';
export { apiSchemas, validateApiArgs, isApiMethod } from './schemas.js';
