import { imageSize } from "image-size";
import { recorded } from "@/emulator/kit/recording";
import type { EmulatorState, RecordedPost } from "@/emulator/state";
import { json, type EmuRequest, type EmuResponse, type Route } from "@/emulator/types";
import { message, PLATFORM, requireUser, teamsOf, validationFailed } from "./support";

// Shots (../shared/platforms/dribbble.md §2, §3): POST /v2/shots takes multipart/form-data with
// "image" (GIF, JPEG or PNG, at most 8 MB, exactly 400×300, 800×600 or 1600×1200), "title"
// (required), "description", "tags" (an array or a comma-joined string, at most 12), "team_id"
// (a team the user belongs to) and "low_profile"; it answers 202 Accepted, no body, with the
// shot's address in Location. The shot is processed asynchronously: GET /v2/shots/:id is 404 on
// its first read, then the shot.

const MAX_BYTES = 8 * 1024 * 1024;
const SIZES = ["400x300", "800x600", "1600x1200"];
const MAX_TAGS = 12;

function sniff(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return "image/png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return "image/jpeg";
  if (bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46) return "image/gif";
  return undefined;
}

async function createShot(state: EmulatorState, req: EmuRequest, processed: Set<string>): Promise<EmuResponse> {
  const acc = requireUser(state, req, ["upload"]);
  if ("status" in acc) return acc;
  const type = req.headers["content-type"] ?? "";
  if (!type.startsWith("multipart/form-data")) return message(400, "Problem parsing the request: send the shot as multipart/form-data");
  const form = await new Response(new Uint8Array(req.body), { headers: { "content-type": type } }).formData().catch(() => undefined);
  if (!form) return message(400, "Problem parsing the request.");
  const image = form.get("image");
  if (!(image instanceof Blob) || image.size === 0) return validationFailed("image", "can't be blank");
  if (image.size > MAX_BYTES) return validationFailed("image", "must be no larger than 8 megabytes");
  const bytes = new Uint8Array(await image.arrayBuffer());
  if (!sniff(bytes)) return validationFailed("image", "must be a GIF, JPG or PNG");
  let size: string | undefined;
  try {
    const d = imageSize(bytes);
    size = `${d.width}x${d.height}`;
  } catch {
    return validationFailed("image", "could not be read");
  }
  if (!SIZES.includes(size)) return validationFailed("image", `must be exactly 400x300, 800x600 or 1600x1200 (this one is ${size})`);
  const title = form.get("title");
  if (typeof title !== "string" || !title.trim()) return validationFailed("title", "can't be blank");
  const description = form.get("description");
  const rawTags = [...form.getAll("tags"), ...form.getAll("tags[]")].filter((t): t is string => typeof t === "string");
  const tags = rawTags
    .flatMap((t) => t.split(","))
    .map((t) => t.trim())
    .filter(Boolean);
  if (tags.length > MAX_TAGS) return validationFailed("tags", `must be ${MAX_TAGS} or fewer`);
  const team = form.get("team_id");
  if (team !== null && !teamsOf(acc).some((t) => String(t.id) === team))
    return validationFailed("team_id", "is not a team you are a member of");
  const post = recorded(state, PLATFORM).record({
    accountId: acc.id,
    text: typeof description === "string" ? description : "",
    media: [state.nextId()],
    extra: { title, tags, size, team_id: team, low_profile: form.get("low_profile") === "true" },
  });
  processed.delete(post.id);
  return { status: 202, headers: { location: `${req.base}/v2/shots/${post.id}` } };
}

const shotOf = (p: RecordedPost, base: string) => {
  const [width, height] = String(p.extra?.size ?? "400x300")
    .split("x")
    .map(Number);
  return {
    id: Number(p.id),
    title: p.extra?.title,
    description: p.text ? `<p>${p.text}</p>` : null,
    width,
    height,
    html_url: `${base}/shots/${p.id}`,
    published_at: new Date(p.receivedAt).toISOString(),
    tags: p.extra?.tags ?? [],
    low_profile: p.extra?.low_profile ?? false,
  };
};

export function shotRoutes(state: EmulatorState): Route[] {
  const processed = new Set<string>();
  const mine = (req: EmuRequest, id: string) => {
    const acc = requireUser(state, req, ["public"]);
    if ("status" in acc) return acc;
    const shot = recorded(state, PLATFORM).find(id);
    return shot && shot.accountId === acc.id ? shot : message(404, "Not found");
  };
  return [
    { method: "POST", path: "/v2/shots", name: "post", handle: (req) => createShot(state, req, processed) },
    {
      method: "GET",
      path: "/v2/shots/:id",
      name: "shot",
      handle(req, p) {
        const shot = mine(req, p.id!);
        if ("status" in shot) return shot;
        // Processing: 404 until the shot is ready (its first read here).
        if (!processed.has(shot.id)) {
          processed.add(shot.id);
          return message(404, "Not found");
        }
        return json(200, shotOf(shot, req.base));
      },
    },
    {
      method: "GET",
      path: "/v2/user/shots",
      name: "shots",
      handle(req) {
        const acc = requireUser(state, req, ["public"]);
        if ("status" in acc) return acc;
        const page = Math.max(1, Number(req.query.get("page") ?? 1) || 1);
        const perPage = Math.min(100, Math.max(1, Number(req.query.get("per_page") ?? 30) || 30));
        const all = recorded(state, PLATFORM)
          .byAccount(acc.id)
          .filter((s) => processed.has(s.id))
          .sort((a, b) => b.receivedAt - a.receivedAt);
        return json(
          200,
          all.slice((page - 1) * perPage, page * perPage).map((s) => shotOf(s, req.base)),
        );
      },
    },
  ];
}
