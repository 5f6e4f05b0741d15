import { useState } from "react";
import { ApiError, unwrap, type Api, type Schemas } from "../api/client";
import { ErrorBox, Page } from "../ui/components";

/**
 * The link a school or setting gets when a child's learning journey is sent on to them. It works
 * once: the button spends it (a POST, so a mail scanner that opens links leaves it alone), and
 * the two files are then offered for a few minutes.
 */
export function TransferPage({ api, token }: { api: Api; token: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [opened, setOpened] = useState<Schemas["TransferDownload"] | null>(null);
  const open = async () => {
    setBusy(true);
    setError(null);
    try {
      setOpened(await unwrap(api.POST("/v1/journey-transfers/{token}/download", { params: { path: { token } } })));
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, "unexpected", "Something went wrong", String(e)));
    } finally {
      setBusy(false);
    }
  };
  if (opened) {
    return (
      <Page title={`${opened.firstName}'s learning journey`}>
        <p>
          From {opened.settingName}. Save both files now: these links work for five minutes, and the link in the email has been used.
        </p>
        <ul className="link-list">
          <li>
            <a href={opened.pdfUrl}>The learning journey (PDF)</a>
          </li>
          <li>
            <a href={opened.archiveUrl}>The archive: the PDF, its content as data and the original photos and videos (zip)</a>
          </li>
        </ul>
      </Page>
    );
  }
  return (
    <Page title="A learning journey sent to you">
      <p>
        A nursery or pre-school has sent you a child's learning journey through Nestling. This link works once: when you are ready, download
        the journey and save both files.
      </p>
      <ErrorBox error={error} />
      {error?.slug === "transfer-invalid" ? (
        <p>Ask the setting that sent it to send it again.</p>
      ) : (
        <p className="actions">
          <button type="button" onClick={() => void open()} disabled={busy}>
            Download the learning journey
          </button>
        </p>
      )}
    </Page>
  );
}
