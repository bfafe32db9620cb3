// The aedes broker of umqtt's tests, started by umqtt.tests.brokers.Aedes as
//   node broker.mjs CONFIG.json
// CONFIG names a port per listener (TCP, TLS, TLS_WRONG_HOST, TLS_EXPIRED, MUTUAL_TLS, PSK, WS,
// WSS, AUTH; all bound to 127.0.0.1), the PEM files of the test PKI, the PSK identity and key
// (hex), and the one user and password AUTH accepts. Prints "ready" once every listener listens;
// exits when its standard input closes, so it never outlives the test JVM that started it.
import { readFileSync } from 'node:fs'
import { createServer as createTcpServer } from 'node:net'
import { createServer as createTlsServer } from 'node:tls'
import { createServer as createHttpServer } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { Aedes } from 'aedes'
import { WebSocketServer, createWebSocketStream } from 'ws'

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const pem = (name) => readFileSync(config.files[name])
const aedes = await Aedes.createBroker()

// Only clients of the AUTH listener need the user and password; MQTT 3.1.1 CONNACK 4 otherwise.
aedes.authenticate = (client, user, password, done) => {
  if (client.conn.umqttListener !== 'AUTH') {
    return done(null, true)
  }
  if (user === config.user && password !== undefined && password !== null &&
      password.toString('utf8') === config.password) {
    return done(null, true)
  }
  const refused = new Error('wrong user name or password')
  refused.returnCode = 4
  return done(refused, false)
}

const handle = (listener) => (conn, req) => {
  conn.umqttListener = listener
  aedes.handle(conn, req)
}

const tls = (cert, key) => ({ cert: pem(cert), key: pem(key), ca: pem('ca') })

function webSocket (server, listener) {
  const wss = new WebSocketServer({ server, path: '/mqtt' })
  wss.on('connection', (websocket, req) => handle(listener)(createWebSocketStream(websocket), req))
  return server
}

const pskKey = Buffer.from(config.psk.key, 'hex')
const servers = {
  TCP: createTcpServer(handle('TCP')),
  AUTH: createTcpServer(handle('AUTH')),
  TLS: createTlsServer(tls('serverCert', 'serverKey'), handle('TLS')),
  TLS_WRONG_HOST: createTlsServer(tls('wrongHostCert', 'wrongHostKey'), handle('TLS_WRONG_HOST')),
  TLS_EXPIRED: createTlsServer(tls('expiredCert', 'expiredKey'), handle('TLS_EXPIRED')),
  MUTUAL_TLS: createTlsServer({ ...tls('serverCert', 'serverKey'), requestCert: true, rejectUnauthorized: true },
    handle('MUTUAL_TLS')),
  // Node's TLS-PSK is TLS 1.2 only (no external PSK in its TLS 1.3), and needs the PSK suites named.
  PSK: createTlsServer({
    maxVersion: 'TLSv1.2',
    ciphers: 'PSK-AES128-GCM-SHA256:PSK-AES256-GCM-SHA384:PSK-CHACHA20-POLY1305:ECDHE-PSK-CHACHA20-POLY1305',
    pskIdentityHint: 'umqtt-test',
    pskCallback: (socket, identity) => (identity === config.psk.identity ? pskKey : null)
  }, handle('PSK')),
  WS: webSocket(createHttpServer(), 'WS'),
  WSS: webSocket(createHttpsServer(tls('serverCert', 'serverKey')), 'WSS')
}

const listening = Object.entries(config.ports).map(([listener, port]) => new Promise((resolve, reject) => {
  const server = servers[listener]
  if (!server) {
    reject(new Error('no such listener: ' + listener))
    return
  }
  server.once('error', (e) => reject(new Error(listener + ' cannot listen on 127.0.0.1:' + port + ': ' + e.message)))
  server.listen(port, '127.0.0.1', resolve)
}))

try {
  await Promise.all(listening)
} catch (e) {
  console.error('aedes did not start: ' + e.message)
  process.exit(1)
}
aedes.on('clientError', (client, e) => console.error('client error ' + (client && client.id) + ': ' + e.message))
process.stdin.on('end', () => process.exit(0))
process.stdin.on('error', () => process.exit(0))
process.stdin.resume()
console.log('ready')
