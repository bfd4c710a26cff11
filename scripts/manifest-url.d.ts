/** Types for scripts/manifest-url.js, so TypeScript tests can import it. */

/** The dev server the committed manifest names: "https://localhost:3000/". */
export declare const DEV_BASE_URL: string;

/** ADDIN_BASE_URL's value checked (https, no query) and ending in "/"; the dev server when unset. */
export declare function resolveBaseUrl(value: string | undefined): string;

/** The manifest text with every dev-server URL moved under baseUrl. */
export declare function rewriteManifestUrls(manifestXml: string, baseUrl: string | undefined): string;
