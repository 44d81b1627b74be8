export { compatNotes, compatTable, getSupport, isSupported } from './query.js';
export type { CompatTarget } from './query.js';
export type { FeatureName, FeatureSupport, SupportStatement } from './types.js';
export { probeSupport } from './probe.js';
export type { ProbedSupport } from './probe.js';
