/**
 * The HTTP Link header WebSub subscribers look for first (W3C WebSub §4):
 * the hub to subscribe at and the topic URL to subscribe to.
 */
export function websubLinkHeader(hub: string, self: string): string {
  return `<${hub}>; rel="hub", <${self}>; rel="self"`
}
