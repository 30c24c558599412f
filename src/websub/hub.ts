/** The part of `fetch` a ping needs, so the Worker and the tests pass their own. */
export type HubFetch = (url: string, init: RequestInit) => Promise<Response>

/**
 * How long one ping may take. A hub that hangs must not hold a run past the
 * next minute's, so the announcer also stops starting pings after runBudgetMs.
 */
export const pingTimeoutMs = 5_000

/**
 * The body of a publish ping for `topic`. WebSub leaves the publish request to the hub,
 * and hubs read one name or the other: PubSubHubbub 0.4 and the public hubs `hub.url`,
 * hubs written to the WebSub Recommendation (websub.rocks) `hub.topic`. Naming the
 * feed as both reaches either kind.
 */
function publishForm(topic: string): string {
  return new URLSearchParams({
    'hub.mode': 'publish',
    'hub.topic': topic,
    'hub.url': topic,
  }).toString()
}

/**
 * Tells a WebSub hub that `topic` changed, as a form POST (publishForm). Any 2xx is
 * taken; the common hubs answer 204 or 202. Answers undefined when the hub took it,
 * else why not.
 */
export async function publishPing(
  hub: string,
  topic: string,
  fetch: HubFetch,
): Promise<string | undefined> {
  try {
    const response = await fetch(hub, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: publishForm(topic),
      signal: AbortSignal.timeout(pingTimeoutMs),
    })
    await response.body?.cancel()
    return response.ok ? undefined : `hub answered ${response.status}`
  } catch (error) {
    return `hub unreachable: ${String(error)}`
  }
}
