import type { MediaDto } from "./types";

// Browser side of POST /api/media. XMLHttpRequest rather than fetch: only XHR reports upload
// progress, and a large video deserves a real progress bar. The body is the File itself, so the
// browser streams it from disk and sets Content-Length.

export type UploadOptions = { onProgress?: (loaded: number, total: number) => void; signal?: AbortSignal };

export function uploadFile(file: File, opts: UploadOptions = {}): Promise<MediaDto> {
  return new Promise<MediaDto>((resolve, reject) => {
    const cancelled = () => new DOMException(`The upload of ${file.name} was cancelled`, "AbortError");
    if (opts.signal?.aborted) return reject(cancelled());
    const xhr = new XMLHttpRequest();
    const onAbortSignal = () => xhr.abort();
    const done = () => opts.signal?.removeEventListener("abort", onAbortSignal);
    xhr.open("POST", "/api/media");
    xhr.responseType = "text";
    xhr.setRequestHeader("x-file-name", encodeURIComponent(file.name));
    xhr.setRequestHeader("content-type", file.type || "application/octet-stream");
    xhr.upload.onprogress = (e) => opts.onProgress?.(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      done();
      let body: { media?: MediaDto; error?: string } = {};
      try {
        body = JSON.parse(xhr.responseText || "{}");
      } catch {
        // A proxy's HTML error page: fall through to the status-based message.
      }
      if (xhr.status >= 200 && xhr.status < 300 && body.media) return resolve(body.media);
      reject(
        new Error(
          body.error ??
            (xhr.status === 413
              ? `${file.name} is larger than the server accepts`
              : `The upload of ${file.name} failed (HTTP ${xhr.status})`),
        ),
      );
    };
    xhr.onerror = () => {
      done();
      reject(new Error(`The upload of ${file.name} did not finish: the connection was lost`));
    };
    xhr.onabort = () => {
      done();
      reject(cancelled());
    };
    opts.signal?.addEventListener("abort", onAbortSignal, { once: true });
    xhr.send(file);
  });
}
