// The API's push-subscription routes (/v1/me/push-subscriptions), through the app's own client:
// the same base URL and middleware (bearer token, a 401 ends the session).
import { idempotencyKey, unwrap, type Api, type Schemas } from "../api/client";

export type PushSubscriptionView = Schemas["PushSubscriptionView"];
export type PushSubscriptions = Schemas["PushDevices"];
/** Exactly what PushSubscription.toJSON() gives. */
export type PushSubscriptionBody = Schemas["PushSubscriptionRequest"];

export function listPushSubscriptions(api: Api): Promise<PushSubscriptions> {
  return unwrap(api.GET("/v1/me/push-subscriptions"));
}

/** Idempotent for one endpoint; 422 when the push service's host is not allowed. */
export function addPushSubscription(api: Api, body: PushSubscriptionBody): Promise<PushSubscriptionView> {
  return unwrap(api.POST("/v1/me/push-subscriptions", { body, headers: idempotencyKey() }));
}

export function removePushSubscription(api: Api, subscriptionId: string): Promise<Schemas["PushUnsubscribed"]> {
  return unwrap(api.DELETE("/v1/me/push-subscriptions/{subscriptionId}", { params: { path: { subscriptionId } } }));
}
