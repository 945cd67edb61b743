// The part of pages.js the preview server reads (to preload the chunks of the page asked for).
export const PAGES: Record<
    string,
    { access: 'customer' | 'guest' | 'any' | 'staff'; components?: string[]; shell?: string }
>;
