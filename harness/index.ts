export * from './browsers.js';
export * from './server.js';
export * from './extension.js';
export * from './launch.js';
export * from './lifecycle.js';
