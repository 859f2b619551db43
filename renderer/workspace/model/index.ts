/** The workspace's issue-editing state: plain TypeScript, no DOM (tested under Node in test/workspace/). */
export * from './grid.js';
export * from './threads.js';
export * from './operations.js';
export * from './history.js';
export * from './recompose.js';
export * from './session.js';
export * from './summary.js';
export * from './copy.js';
