// A link card as the composer shows it and a platform receives it: what the page says about
// itself, the address being the page's own after redirects.
export type LinkPreview = {
  url: string;
  title: string | null;
  description: string | null;
  image: string | null;
  siteName: string | null;
  icon: string | null;
};
