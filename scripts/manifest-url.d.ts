/** Types for scripts/manifest-url.js, so TypeScript tests can import it. */

/** The dev server the committed manifest names: "https://localhost:3000/". */
export declare const DEV_BASE_URL: string;

/** A base URL that cannot be used; its message is the one line the build prints. */
export declare class BaseUrlError extends Error {}

/** The value checked (https, no query) and ending in "/"; the dev server when unset. `name` names its source in messages. */
export declare function resolveBaseUrl(value: string | undefined, name?: string): string;

/** The base URL of a build from webpack's --env (baseUrl=…) or ADDIN_BASE_URL; given: false for the dev server. */
export declare function buildBaseUrl(
  env: Record<string, unknown> | undefined,
  environment: Record<string, string | undefined>,
): { url: string; given: boolean };

/** The warning of a production build whose manifest names the dev server. */
export declare const DEV_MANIFEST_WARNING: string;

/** The manifest text with every dev-server URL moved under baseUrl. */
export declare function rewriteManifestUrls(manifestXml: string, baseUrl: string | undefined): string;
