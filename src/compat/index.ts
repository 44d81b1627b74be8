export { compatNotes, compatTable, getSupport, isSupported } from './query.js';
export type { CompatTarget, FeatureName, FeatureSupport, SupportStatement } from './query.js';
export { probeSupport } from './probe.js';
export type { ProbedSupport } from './probe.js';
