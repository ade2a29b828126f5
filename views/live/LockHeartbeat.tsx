import { HEARTBEAT_MS } from '../../src/live/locks.ts'

// Keeps this editor's lock alive over the page's socket while the form is open.
export function LockHeartbeat({ token }: { token: string }) {
  return (
    <div
      ws-send
      hx-trigger={`load, every ${HEARTBEAT_MS / 1000}s`}
      hx-vals={JSON.stringify({ type: 'heartbeat', lock: token })}
      hidden
    ></div>
  )
}
