/** The bulk-invite job: its model, its run, its progress and its results file (one folder, one import). */
export * from './model';
export * from './progress';
export * from './results';
export * from './run';
