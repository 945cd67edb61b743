// The part of router.js the preview server reads (to preload the chunks of the page asked for).
export const ROUTES: readonly { name: string; path: string }[];
