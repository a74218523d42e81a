// Alt text (a file's description for screen-reader users) is counted in characters as the
// platforms count it: Unicode code points, so an emoji is one. Pure: the composer, the media
// library and the server share it.

/**
 * The longest alt text any platform takes (LinkedIn's 4,086). The media library keeps at most
 * this much; each channel's own limit (MediaRules.maxAltTextLength) is checked when a post that
 * uses the file is saved. A unit test keeps it equal to the largest limit in the registry.
 */
export const ALT_TEXT_CEILING = 4086;

export const altTextLength = (text: string): number => [...text].length;
