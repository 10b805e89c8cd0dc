import type { Configuration } from 'webpack';
declare const config: (env: unknown, argv: { mode?: string }) => Configuration & { output: NonNullable<Configuration['output']> };
export default config;
export declare const PANE_BUDGET_GZIP: number;
