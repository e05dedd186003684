package io.starling.loadtest;

import io.netty.handler.codec.mqtt.MqttVersion;

/** What a generator connection puts in its CONNECT. */
record ClientSettings(String clientId, MqttVersion version, String username, String password, int keepAliveSeconds) {
}
