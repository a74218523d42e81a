/**
 * Connect links lead to route handlers that redirect to the platform's sign-in page, so they need
 * a full browser navigation, not client-side routing.
 */
export function startConnectFlow(path: string): void {
  window.location.href = path;
}
