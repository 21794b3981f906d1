/** The recommendation domain (issue 12): pure, no storage. See each module's header for definitions. */
export * from './calibration';
export * from './calibration-metrics';
export * from './errors';
export * from './expected-return';
export * from './isotonic';
export * from './platt';
export * from './regime';
export * from './rule-settings';
export * from './rules';
export * from './outcome';
export * from './track-record';
