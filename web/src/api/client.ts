// The typed API client: request and response types come from docs/openapi.json (generated into
// schema.d.ts by `npm run generate`); nothing here restates them.
import createClient, { type Client } from "openapi-fetch";
import type { Auth } from "../auth";
import type { components, paths } from "./schema";

export type Schemas = components["schemas"];
export type Api = Client<paths>;

/** An API refusal as RFC 9457 problem+json: a stable `type` slug and words for people. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
  ) {
    super(detail ? `${title}: ${detail}` : title);
  }

  get isLockdown() {
    return this.slug === "setting-in-lockdown";
  }
}

/** Anything a load or a change threw, as the ApiError pages show. */
export function asApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError(0, "unexpected", "Something went wrong", e instanceof Error ? e.message : String(e));
}

export function makeApi(baseUrl: string, auth: Auth, hooks: { onForbidden?: () => void } = {}): Api {
  const client = createClient<paths>({ baseUrl: baseUrl.replace(/\/$/, "") });
  client.use({
    async onRequest({ request }) {
      const token = await auth.accessToken().catch(() => {
        throw new ApiError(0, "network", "Nestling cannot be reached", "Check your connection and try again. Nothing you entered is lost.");
      });
      if (token) request.headers.set("Authorization", `Bearer ${token}`);
      return request;
    },
    onResponse({ response }) {
      // The gateway refused the token (expired, revoked): the session is over.
      if (response.status === 401) auth.expire();
      else if (response.status === 403 && !new URL(response.url).pathname.endsWith("/v1/me")) hooks.onForbidden?.();
      return response;
    },
  });
  return client;
}

/**
 * A client with no person's token, for the setting's own devices (`/device`): a paired device
 * sends its own `Authorization: Device ...` header, and a 401 says the device is unpaired, so
 * nobody's session is touched.
 */
export function makeDeviceApi(baseUrl: string): Api {
  return createClient<paths>({ baseUrl: baseUrl.replace(/\/$/, "") });
}

type Answer<T> = { data?: T; error?: unknown; response: Response };

/** The answer's data, or an ApiError carrying the problem the API returned. */
export async function unwrap<T>(request: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await request;
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw new ApiError(0, "network", "Nestling cannot be reached", "Check your connection and try again.");
  }
  const { data, error, response } = answer;
  if (response.ok) return data as T;
  throw toApiError(response.status, error);
}

export function toApiError(status: number, body: unknown): ApiError {
  const problem = (body ?? {}) as { type?: unknown; title?: unknown; detail?: unknown; message?: unknown };
  if (typeof problem.type === "string" && typeof problem.title === "string") {
    const slug = problem.type.split("/").pop() ?? problem.type;
    return new ApiError(status, slug, problem.title, typeof problem.detail === "string" ? problem.detail : undefined);
  }
  if (status === 401) return new ApiError(401, "unauthenticated", "Your session has ended", "Sign in again to continue.");
  if (status === 403) return new ApiError(403, "forbidden", "You are not allowed to do this");
  if (status === 404) return new ApiError(404, "not-found", "Not found");
  if (status === 413) return new ApiError(413, "too-large", "That is too large to send");
  if (status === 429) return new ApiError(429, "throttled", "Too many requests", "Wait a moment and try again.");
  return new ApiError(status, "unexpected", "Something went wrong", `The server answered ${status}. Nothing you entered is lost; try again.`);
}

/** A fresh key per submitted form: a retried request is answered once, never applied twice. */
export function idempotencyKey(): Record<string, string> {
  return { "Idempotency-Key": crypto.randomUUID() };
}
