export declare const DEV_URL: string;
export declare function normaliseAddinUrl(value: unknown): string;
export declare function rewriteManifest(xml: string, addinUrl: string): string;
export declare function manifestUrls(xml: string): string[];
