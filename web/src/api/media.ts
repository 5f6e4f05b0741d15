// Uploads go straight to storage: the API hands out a presigned POST pinned to the key, type
// and size; the file never passes through a function. XHR rather than fetch for progress.
import { unwrap, idempotencyKey, ApiError, type Api, type Schemas } from "./client";

export const ACCEPTED_MEDIA = "image/jpeg,image/png,image/heic,image/webp,video/mp4,video/quicktime";

export async function uploadMedia(
  api: Api,
  settingId: string,
  file: File,
  children: string[],
  onProgress: (fraction: number) => void,
): Promise<string> {
  const contentType = file.type || guessType(file.name);
  const ticket: Schemas["UploadTicket"] = await unwrap(
    api.POST("/v1/settings/{settingId}/media", {
      params: { path: { settingId } },
      body: { contentType, byteSize: file.size, children },
      headers: idempotencyKey(),
    }),
  );
  const form = new FormData();
  for (const [name, value] of Object.entries(ticket.upload.fields)) form.append(name, value);
  form.append("file", file);
  await new Promise<void>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(ticket.upload.method || "POST", ticket.upload.url);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () =>
      xhr.status >= 200 && xhr.status < 300
        ? (onProgress(1), resolve())
        : reject(new ApiError(xhr.status, "upload-refused", "The file was not accepted by storage", `Answer ${xhr.status}. Try again.`));
    xhr.onerror = () => reject(new ApiError(0, "network", "The upload was interrupted", "Check your connection and try again."));
    xhr.send(form);
  });
  return ticket.mediaId;
}

function guessType(name: string): string {
  const ext = name.toLowerCase().split(".").pop() ?? "";
  return (
    { jpg: "image/jpeg", jpeg: "image/jpeg", png: "image/png", heic: "image/heic", webp: "image/webp", mp4: "video/mp4", mov: "video/quicktime" }[ext] ??
    "application/octet-stream"
  );
}

/**
 * Uploaded files are checked (real type, metadata stripped) before they may be used; a save
 * that names one still being checked gets 409 media-not-ready. Try again for a little while.
 */
export async function whenMediaReady<T>(save: () => Promise<T>, onWaiting?: () => void): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await save();
    } catch (e) {
      if (!(e instanceof ApiError) || e.slug !== "media-not-ready" || attempt >= 20) throw e;
      onWaiting?.();
      await new Promise((r) => setTimeout(r, 750));
    }
  }
}
