// A token server for Deno, listening on 127.0.0.1 only. Start it with
//   AGORA_APP_ID=... AGORA_APP_CERTIFICATE=... deno run \
//     --allow-env=AGORA_APP_ID,AGORA_APP_CERTIFICATE,PORT --allow-net=127.0.0.1 server.js
// GET /rtc?channel=room-1&uid=42 returns {"token":"007..."}, an RTC publisher token valid for an
// hour. GET /channel-key?channel=room-1&uid=42 returns {"key":"005..."}, a DynamicKey5 media key.
// Invalid input gets HTTP 400 with the library's error code, such as a missing channel:
// {"error":"ERR_INVALID_ARGUMENT","field":"channelName","message":"..."}.
import { dynamicKey5, isAgoraKeysError, RtcRole2, RtcTokenBuilder2 } from 'npm:agora-keys'

const appId = Deno.env.get('AGORA_APP_ID')
const appCertificate = Deno.env.get('AGORA_APP_CERTIFICATE')
if (!appId || !appCertificate) {
  throw new Error("AGORA_APP_ID or AGORA_APP_CERTIFICATE is missing: set both to your project's values")
}

/** Issues the key or token for one request, or returns undefined for an unknown path. */
async function issue(pathname, params) {
  // A missing channel stays null and a missing uid becomes NaN, so the library rejects both.
  const channelName = params.get('channel')
  const uid = Number(params.get('uid') || NaN)
  if (pathname === '/rtc') {
    const token = await RtcTokenBuilder2.buildTokenWithUid({
      appId,
      appCertificate,
      channelName,
      uid,
      role: RtcRole2.PUBLISHER,
      tokenExpire: 3600,
      privilegeExpire: 3600,
    })
    return { token }
  }
  if (pathname === '/channel-key') {
    const key = await dynamicKey5.generateMediaChannelKey({ appId, appCertificate, channelName, uid })
    return { key }
  }
  return undefined
}

async function handle(request) {
  const { pathname, searchParams } = new URL(request.url)
  try {
    const body = await issue(pathname, searchParams)
    return body === undefined
      ? Response.json({ error: 'not found' }, { status: 404 })
      : Response.json(body)
  } catch (error) {
    if (!isAgoraKeysError(error)) throw error
    // An AgoraKeysError message never contains the App Certificate, so the client may see it.
    console.warn(`${request.method} ${pathname} rejected: ${error.code} (${error.field})`)
    const body = { error: error.code, field: error.field, message: error.message }
    return Response.json(body, { status: 400 })
  }
}

Deno.serve(
  {
    hostname: '127.0.0.1',
    port: Number(Deno.env.get('PORT') ?? 8000),
    onListen: ({ hostname, port }) => console.log(`listening on http://${hostname}:${port}`),
  },
  handle,
)
