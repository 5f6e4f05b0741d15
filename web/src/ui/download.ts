/** Has the browser save a file from a short-lived presigned URL (sent as an attachment). */
export function saveFrom(url: string) {
  const link = document.createElement("a");
  link.href = url;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
}
