import type { BuildOptions } from 'esbuild';

export declare const ROOT: string;
export declare function cachedBundle(name: string, entry: string, options: BuildOptions): { readonly text: string; readonly path: string | undefined };
