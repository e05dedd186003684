#!/usr/bin/env node
// One publish/subscribe round trip with the real MQTT.js client, for MqttJsOverWebSocketIT and
// MqttJsOverWssIT.
//
//   node mqttjs-roundtrip.js URL --protocol 4|5 --topic T --qos 0|1|2 [--size N] [--retained] [--ca FILE]
//
// A subscriber and a publisher connect to URL (ws://host:port/mqtt, or wss://host:port/mqtt; with
// --ca FILE they trust the PEM certificates in FILE, given to mqtt.connect as its `ca` option).
// Without --retained the subscriber subscribes first and the publisher then publishes; with
// --retained the publisher publishes a retained message first and a subscriber connecting
// afterwards must get it from the broker's store (the retained message is cleared at the end). The payload is N bytes (default 32).
//
// It prints one line per step, which the Java test asserts on:
//   connack protocol=P sessionPresent=false reasonCode=0     (once per client)
//   suback granted=Q
//   published qos=Q
//   received topic=T qos=Q retain=true|false length=N intact=true|false
// and exits 0; on any error it prints "error: ..." to stderr and exits 1, and after 15 s it
// gives up with exit code 2, so the calling test never waits on a hung client.
'use strict';

const { readFileSync } = require('node:fs');
const { parseArgs } = require('node:util');
const mqtt = require('mqtt');

const GIVE_UP_MS = 15000;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    protocol: { type: 'string', default: '4' },
    topic: { type: 'string' },
    qos: { type: 'string', default: '0' },
    size: { type: 'string', default: '32' },
    retained: { type: 'boolean', default: false },
    ca: { type: 'string' },
  },
});
const url = positionals[0];
const protocolVersion = Number(values.protocol);
const qos = Number(values.qos);
const size = Number(values.size);
// read before any client connects, so an unreadable file fails the run before it starts
const ca = values.ca === undefined ? undefined : readFileSync(values.ca);
if (!url || !values.topic || ![3, 4, 5].includes(protocolVersion) || ![0, 1, 2].includes(qos) || !(size >= 0)) {
  console.error('usage: node mqttjs-roundtrip.js URL --protocol 4|5 --topic T --qos 0|1|2 [--size N] [--retained] [--ca FILE]');
  process.exit(64);
}

// unref: the timer only fires while something else keeps the process alive, that is when a
// client hangs
setTimeout(() => {
  console.error(`error: no result after ${GIVE_UP_MS} ms`);
  process.exit(2);
}, GIVE_UP_MS).unref();

/** A payload whose bytes differ from position to position, so truncation or reordering shows. */
function payloadOf(length) {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) {
    bytes[i] = (i * 31 + 7) & 0xff;
  }
  return bytes;
}

/** Connects a fresh clean-session client and prints its CONNACK; no reconnects, so errors surface. */
function connect(role) {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(url, {
      protocolVersion,
      clientId: `mqttjs-${role}-${process.pid}`,
      clean: true,
      reconnectPeriod: 0,
      connectTimeout: 5000,
      // only with --ca: MQTT.js passes it to the TLS layer, which verifies the broker's certificate with it
      ...(ca === undefined ? {} : { ca }),
    });
    client.once('connect', (connack) => {
      const reasonCode = connack.reasonCode ?? connack.returnCode ?? 0;
      console.log(`connack protocol=${protocolVersion} sessionPresent=${connack.sessionPresent} reasonCode=${reasonCode}`);
      resolve(client);
    });
    client.once('error', reject);
    client.once('close', () => reject(new Error(`${role}: connection closed before CONNACK`)));
  });
}

/**
 * Subscribes and prints the granted QoS once the SUBACK is in; resolves with {message}, a promise
 * of the next message (wrapped, so awaiting the SUBACK does not also await the message).
 */
async function subscribe(client) {
  const message = new Promise((resolve) => {
    client.on('message', (topic, payload, packet) => resolve({ topic, payload, packet }));
  });
  const granted = await client.subscribeAsync(values.topic, { qos });
  console.log(`suback granted=${granted.map((g) => g.qos).join(',')}`);
  return { message };
}

async function main() {
  const payload = payloadOf(size);
  const publisher = await connect('pub');
  let subscriber;
  let message;
  if (values.retained) {
    // the broker's store, not a live delivery: publish (acknowledged at QoS > 0) before anyone subscribes
    await publisher.publishAsync(values.topic, payload, { qos, retain: true });
    console.log(`published qos=${qos}`);
    subscriber = await connect('sub');
    ({ message } = await subscribe(subscriber));
  } else {
    subscriber = await connect('sub');
    ({ message } = await subscribe(subscriber));
    await publisher.publishAsync(values.topic, payload, { qos });
    console.log(`published qos=${qos}`);
  }
  const { topic, payload: got, packet } = await message;
  console.log(`received topic=${topic} qos=${packet.qos} retain=${packet.retain} length=${got.length} intact=${got.equals(payload)}`);
  if (values.retained) {
    await publisher.publishAsync(values.topic, Buffer.alloc(0), { qos: 1, retain: true });
  }
  await Promise.all([publisher.endAsync(), subscriber.endAsync()]);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`error: ${e && e.stack ? e.stack : e}`);
    process.exit(1);
  },
);
