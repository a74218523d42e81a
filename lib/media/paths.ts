import path from "node:path";
import { dataDir } from "@/lib/config/settings";

// Where uploaded media files live. The media library writes here and publishing reads from here,
// so it belongs to the media domain that owns the files, not to either of its readers.
export const mediaDir = () => path.join(dataDir(), "media");
