// A token server on Node.js's http module, listening on 127.0.0.1 only. Start it with
//   AGORA_APP_ID=... AGORA_APP_CERTIFICATE=... PORT=8080 node server.js
// GET /rtc?channel=room-1&uid=42 returns {"token":"007..."}, an RTC publisher token valid for an
// hour. GET /channel-key?channel=room-1&uid=42 returns {"key":"005..."}, a DynamicKey5 media key.
// Invalid input gets HTTP 400 with the library's error code, such as a missing channel:
// {"error":"ERR_INVALID_ARGUMENT","field":"channelName","message":"..."}.
import { createServer } from 'node:http'
import { dynamicKey5, isAgoraKeysError, RtcRole2, RtcTokenBuilder2 } from 'agora-keys'

const appId = process.env.AGORA_APP_ID
const appCertificate = process.env.AGORA_APP_CERTIFICATE
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

async function respond(request) {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1')
  try {
    const body = await issue(url.pathname, url.searchParams)
    return body === undefined ? [404, { error: 'not found' }] : [200, body]
  } catch (error) {
    if (!isAgoraKeysError(error)) {
      console.error(`${request.method} ${url.pathname} failed:`, error)
      return [500, { error: 'internal error' }]
    }
    // An AgoraKeysError message never contains the App Certificate, so the client may see it.
    console.warn(`${request.method} ${url.pathname} rejected: ${error.code} (${error.field})`)
    return [400, { error: error.code, field: error.field, message: error.message }]
  }
}

const server = createServer(async (request, response) => {
  const [status, body] = await respond(request)
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
})
server.listen(Number(process.env.PORT ?? 8080), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`)
})
