// Shared building blocks: every form field has a label, every error is announced, every page
// moves focus to its heading so screen readers hear where they are.
import { useEffect, useId, useRef, type ComponentProps, type ReactNode } from "react";
import { ApiError } from "../api/client";
import { Link } from "react-router";

export function Page({ title, back, children }: { title: string; back?: { to: string; label: string }; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Nestling`;
  }, [title]);
  // Focus moves to the heading when a page opens, not when its title fills in with data
  // (that would pull focus back from a field someone has already reached).
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="page">
      {back && (
        <p className="back">
          <Link to={back.to}>← {back.label}</Link>
        </p>
      )}
      <h1 tabIndex={-1} ref={heading}>
        {title}
      </h1>
      {children}
    </section>
  );
}

/** What went wrong, in the API's words; a lockdown shows the setting's notice. */
export function ErrorBox({ error }: { error: ApiError | null | undefined }) {
  if (!error) return null;
  if (error.isLockdown) {
    return (
      <div className="lockdown" role="alert">
        <h2>The setting has paused Nestling</h2>
        <p>{error.title}.</p>
        {error.detail && (
          <p>
            <strong>Message from the setting:</strong> {error.detail}
          </p>
        )}
      </div>
    );
  }
  return (
    <div className="error" role="alert">
      <p>
        <strong>{error.title}.</strong>
        {error.detail ? ` ${error.detail}` : ""}
      </p>
      <RemoteAccessHelp slug={error.slug} />
    </div>
  );
}

/** Off the premises: where to confirm remote access, or what a practitioner may still see. */
function RemoteAccessHelp({ slug }: { slug: string }) {
  if (slug !== "remote-attestation-required" && slug !== "off-premises") return null;
  const settingPath = /^\/s\/[^/]+/.exec(location.pathname)?.[0];
  if (!settingPath) return null;
  return slug === "remote-attestation-required" ? (
    <p>
      <Link to={`${settingPath}/remote-access`}>Confirm remote access</Link> to use Nestling away from the setting.
    </p>
  ) : (
    <p>
      Away from the setting you can see only your key children whose families agreed to remote access:{" "}
      <Link to={`${settingPath}/key-children`}>my key children</Link>.
    </p>
  );
}

export function Done({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="done" role="status">
      {message}
    </p>
  );
}

export function Loading({ what = "Loading" }: { what?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      {what}…
    </p>
  );
}

/** Loading, error or content: the usual three states of a page section. */
export function Loaded<T>({ state, children }: { state: { data?: T; error: ApiError | null; loading: boolean }; children: (data: T) => ReactNode }) {
  if (state.error) return <ErrorBox error={state.error} />;
  if (state.loading && state.data === undefined) return <Loading />;
  if (state.data === undefined) return null;
  return <>{children(state.data)}</>;
}

export function Field({ label, hint, ...input }: { label: string; hint?: string } & ComponentProps<"input">) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <input id={id} aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
    </div>
  );
}

export function TextArea({ label, hint, ...input }: { label: string; hint?: string } & ComponentProps<"textarea">) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <textarea id={id} rows={4} aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
    </div>
  );
}

export function Select({ label, hint, options, ...input }: { label: string; hint?: string; options: { value: string; label: string }[] } & ComponentProps<"select">) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <select id={id} aria-describedby={hint ? `${id}-hint` : undefined} {...input}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Checkbox({ label, ...input }: { label: string } & ComponentProps<"input">) {
  const id = useId();
  return (
    <div className="check">
      <input id={id} type="checkbox" {...input} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

export function Submit({ busy, children }: { busy: boolean; children: ReactNode }) {
  return (
    <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
      {busy ? "Please wait…" : children}
    </button>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** "communication-and-language" → "Communication and language". */
export function words(slug: string): string {
  const s = slug.replace(/-/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Straight from the device's camera (phones and tablets open it; a desktop offers its files):
 * the picture or clip then goes through the same checked upload as any other file.
 */
export function CameraInput({ id, ...input }: { id: string } & Omit<ComponentProps<"input">, "type" | "accept" | "capture">) {
  return (
    <div className="field">
      <label htmlFor={id}>Take a photo or video</label>
      <input id={id} type="file" accept="image/*,video/*" capture="environment" {...input} />
    </div>
  );
}
